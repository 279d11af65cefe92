package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvalidationGenerationsTest {
  private static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  private static final TenantId T2 = new TenantId(new UUID(0x7e1a, 2));
  private static final UserId U1 = new UserId(new UUID(0x05e7, 1));
  private static final UserId U2 = new UserId(new UUID(0x05e7, 2));

  private final InvalidationGenerations generations = new InvalidationGenerations();

  @Test
  void a_load_is_current_until_an_invalidation_covering_its_key() {
    long load = generations.sequence();
    assertThat(generations.isCurrent(load, T1, U1)).isTrue();

    generations.invalidate(new InvalidationScope.UserInTenant(T1, U1));

    assertThat(generations.isCurrent(load, T1, U1)).isFalse();
    assertThat(generations.isCurrent(generations.sequence(), T1, U1)).isTrue();
  }

  @Test
  void each_scope_covers_exactly_its_keys() {
    assertCovers(new InvalidationScope.UserInTenant(T1, U1), true, false, false, false);
    assertCovers(new InvalidationScope.WholeTenant(T1), true, true, false, false);
    assertCovers(new InvalidationScope.WholeUser(U1), true, false, true, false);
    assertCovers(new InvalidationScope.Everything(), true, true, true, true);
    assertCovers(new InvalidationScope.TenantTree(T1), false, false, false, false);
  }

  @Test
  void a_tree_is_covered_by_its_tree_its_tenant_and_everything_only() {
    long load = generations.sequence();
    generations.invalidate(new InvalidationScope.UserInTenant(T1, U1));
    generations.invalidate(new InvalidationScope.WholeUser(U1));
    generations.invalidate(new InvalidationScope.TenantTree(T2));
    assertThat(generations.lastTreeInvalidated(T1)).isLessThanOrEqualTo(load);
    assertThat(generations.lastTreeInvalidated(T2)).isGreaterThan(load);

    for (InvalidationScope scope :
        List.of(
            new InvalidationScope.TenantTree(T1),
            new InvalidationScope.WholeTenant(T1),
            new InvalidationScope.Everything())) {
      long before = generations.sequence();
      generations.invalidate(scope);
      assertThat(generations.lastTreeInvalidated(T1)).as("%s", scope).isGreaterThan(before);
    }
  }

  @Test
  void a_later_invalidation_of_another_key_does_not_lower_a_stripe() {
    long load = generations.sequence();
    generations.invalidate(new InvalidationScope.WholeTenant(T1));
    generations.invalidate(new InvalidationScope.WholeTenant(T2));
    generations.invalidate(new InvalidationScope.Everything());
    long afterAll = generations.sequence();
    generations.invalidate(new InvalidationScope.WholeUser(U2));

    assertThat(generations.isCurrent(load, T1, U1)).isFalse();
    assertThat(generations.isCurrent(afterAll, T1, U1)).isTrue();
    assertThat(generations.isCurrent(afterAll, T1, U2)).isFalse();
  }

  @Test
  void stripe_counts_must_be_powers_of_two() {
    assertThatThrownBy(() -> new InvalidationGenerations(3, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidationGenerations(1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new InvalidationGenerations(1, 1, 1).tenantStripe(T2)).isZero();
  }

  @Test
  void an_answer_without_a_tenant_is_covered_by_its_user_and_everything_only() {
    long load = generations.sequence();
    generations.invalidate(new InvalidationScope.UserInTenant(T1, U1));
    generations.invalidate(new InvalidationScope.WholeTenant(T1));
    generations.invalidate(new InvalidationScope.WholeUser(U2));
    assertThat(generations.lastInvalidated(U1)).isLessThanOrEqualTo(load);

    generations.invalidate(new InvalidationScope.WholeUser(U1));
    assertThat(generations.lastInvalidated(U1)).isGreaterThan(load);

    long afterUser = generations.sequence();
    generations.invalidate(new InvalidationScope.Everything());
    assertThat(generations.lastInvalidated(U1)).isGreaterThan(afterUser);
    assertThat(generations.lastInvalidated(T1, U1)).isGreaterThan(afterUser);
  }

  private void assertCovers(
      InvalidationScope scope, boolean t1u1, boolean t1u2, boolean t2u1, boolean t2u2) {
    long load = generations.sequence();
    generations.invalidate(scope);
    assertThat(generations.isCurrent(load, T1, U1)).as("%s covers T1/U1", scope).isEqualTo(!t1u1);
    assertThat(generations.isCurrent(load, T1, U2)).as("%s covers T1/U2", scope).isEqualTo(!t1u2);
    assertThat(generations.isCurrent(load, T2, U1)).as("%s covers T2/U1", scope).isEqualTo(!t2u1);
    assertThat(generations.isCurrent(load, T2, U2)).as("%s covers T2/U2", scope).isEqualTo(!t2u2);
  }
}
