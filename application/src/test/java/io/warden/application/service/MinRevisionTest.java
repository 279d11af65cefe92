package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.FakeTransactions;
import io.warden.application.fake.InMemoryRoleRepository;
import io.warden.application.fake.InMemoryStore;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Revisions;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase.CheckItem;
import io.warden.application.port.driving.Caller;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code Warden-Min-Revision} in the use case: a cache that still holds a revoked permission (its
 * instance has not applied the revocation) against the source that no longer grants it. The cache
 * answers only once the instance has applied the revision; otherwise the source does, and a
 * revision beyond every committed change is refused rather than waited for or ignored.
 */
class MinRevisionTest {
  private static final String PERMISSION = "reports.read";

  private final TenantId tenant = TenantId.random();
  private final UserId alice = UserId.random();
  private final Caller caller =
      new Caller(
          alice, Optional.of(tenant), false, "s", "t", Instant.parse("2100-01-01T00:00:00Z"));
  private final ControlledRevisions revisions = new ControlledRevisions();
  private final InMemoryStore store = new InMemoryStore();
  private final AuthorizationService source =
      new AuthorizationService(
          new FakeTransactions(store),
          new FixedPermissions(PermissionSet.empty(), "database"),
          (t, u) -> {
            throw new AssertionError("not asked here");
          },
          new InMemoryRoleRepository(store),
          Clock.systemUTC(),
          Revisions.UNCACHED,
          null);
  private final AuthorizationUseCase authorization =
      new AuthorizationService(
          new FakeTransactions(store),
          new FixedPermissions(PermissionSet.of(PERMISSION), "l1"),
          (t, u) -> Optional.empty(),
          new InMemoryRoleRepository(store),
          Clock.systemUTC(),
          revisions,
          source);

  @Test
  void without_a_revision_the_caches_answer() {
    assertThat(authorization.check(caller, Optional.empty(), PERMISSION)).isTrue();
    assertThat(revisions.waits.get()).isZero();
  }

  @Test
  void a_revision_this_instance_applied_is_answered_by_the_caches_themselves() {
    revisions.applied = true;

    AuthorizationUseCase fresh = authorization.atLeast(7);

    assertThat(fresh).isSameAs(authorization);
    assertThat(revisions.waits.get()).isEqualTo(1);
    assertThat(revisions.committedReads.get()).as("no database round trip").isZero();
  }

  @Test
  void a_revision_the_feed_has_not_applied_in_time_is_answered_by_the_source() {
    revisions.applied = false;
    revisions.committed = 9;

    AuthorizationUseCase fresh = authorization.atLeast(9);

    assertThat(fresh.check(caller, Optional.empty(), PERMISSION)).isFalse();
    assertThat(fresh.checkBatch(caller, List.of(new CheckItem(PERMISSION, Optional.empty()))))
        .singleElement()
        .satisfies(result -> assertThat(result.allowed()).isFalse());
    AuthorizationUseCase.Explanation explanation = fresh.explain(caller, alice, PERMISSION);
    assertThat(explanation.allowed()).isFalse();
    assertThat(explanation.servedBy()).isEqualTo("database");
    assertThat(authorization.check(caller, Optional.empty(), PERMISSION))
        .as("without the revision, still the cache: the gap the header closes")
        .isTrue();
  }

  @Test
  void a_revision_beyond_every_committed_change_is_refused_not_waited_for_nor_ignored() {
    revisions.applied = false;
    revisions.committed = 9;

    assertThatThrownBy(() -> authorization.atLeast(10))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ahead of the newest committed change (9)")
        .satisfies(
            e -> assertThat(((InvalidValueException) e).field()).isEqualTo("Warden-Min-Revision"));
    assertThat(revisions.waits.get()).as("one bounded wait, no more").isEqualTo(1);
  }

  @Test
  void a_negative_revision_is_invalid_before_anything_is_waited_for() {
    assertThatThrownBy(() -> authorization.atLeast(-1)).isInstanceOf(InvalidValueException.class);
    assertThat(revisions.waits.get()).isZero();
  }

  @Test
  void an_unreachable_source_is_unavailable_never_the_cached_answer() {
    revisions.applied = false;
    revisions.down = true;

    assertThatThrownBy(() -> authorization.atLeast(3)).isInstanceOf(Unavailable.class);
  }

  /** Whether the feed applied a revision in time, and the committed revision, as the test says. */
  private static final class ControlledRevisions implements Revisions {
    final AtomicInteger waits = new AtomicInteger();
    final AtomicInteger committedReads = new AtomicInteger();
    volatile boolean applied;
    volatile long committed;
    volatile boolean down;

    @Override
    public boolean awaitApplied(long revision) {
      waits.incrementAndGet();
      return applied;
    }

    @Override
    public long committed() {
      committedReads.incrementAndGet();
      if (down) {
        throw new Unavailable("database unavailable");
      }
      return committed;
    }
  }

  /** Everyone holds {@code held}, as labelled by {@code tier}. */
  private record FixedPermissions(PermissionSet held, String tier) implements EffectivePermissions {
    @Override
    public PermissionSnapshot of(TenantId tenantId, UserId userId) {
      return new PermissionSnapshot(held, 1, Optional.empty()).servedBy(tier);
    }

    @Override
    public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
      Map<UserId, PermissionSnapshot> all = new LinkedHashMap<>();
      userIds.forEach(userId -> all.put(userId, of(tenantId, userId)));
      return all;
    }
  }
}
