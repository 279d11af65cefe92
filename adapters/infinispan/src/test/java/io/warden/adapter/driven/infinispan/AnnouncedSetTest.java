package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.InMemoryRbac;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change's announced set ({@link InfinispanPermissionCache#invalidate(
 * InvalidationScope.UserInTenant, long, PermissionSnapshot)}): kept in place of the held set when
 * it narrows it, so the first check after a revocation is a hit on the new set; never when it would
 * widen what is served, is older than what is held, or nothing is held; and never served past an
 * invalidation that follows it.
 */
class AnnouncedSetTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  private static final UserId U1 = new UserId(new UUID(0x05e7, 1));
  private static final InvalidationScope.UserInTenant PAIR =
      new InvalidationScope.UserInTenant(T1, U1);

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryRbac rbac = new InMemoryRbac(clock);
  private final CountingPermissions next = new CountingPermissions(rbac);
  private final List<Runnable> refills = new ArrayList<>();
  private InfinispanPermissionCache cache;

  @BeforeEach
  void startCache() {
    cache =
        new InfinispanPermissionCache(
            next, L1Guard.alone(() -> true, clock, L1Limits.defaults()), refills::add);
  }

  @AfterEach
  void stopCache() {
    cache.close();
  }

  @Test
  void a_narrower_set_replaces_the_held_one_and_the_next_check_is_a_hit_on_it() {
    RoleId role = rbac.grant(T1, U1, "reports.view", "users.view");
    cache.of(T1, U1);

    long version = rbac.replaceRole(T1, U1, role, "reports.view");
    cache.invalidate(PAIR, version, rbac.of(T1, U1));

    assertThat(cache.refill(PAIR)).as("kept, so nothing to refill").isFalse();
    int loads = next.ofCalls();
    PermissionSnapshot read = cache.of(T1, U1);
    assertThat(read.permissions().names()).containsExactly("reports.view");
    assertThat(read.servedBy()).isEqualTo("l1");
    assertThat(next.ofCalls()).as("a hit").isEqualTo(loads);
  }

  @Test
  void a_set_that_grants_more_than_the_held_one_is_not_kept_the_next_check_loads() {
    RoleId role = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);

    long version = rbac.replaceRole(T1, U1, role, "reports.view", "users.view");
    cache.invalidate(PAIR, version, rbac.of(T1, U1));

    assertThat(cache.held(T1, U1)).isEmpty();
    assertThat(cache.refill(PAIR)).as("evicted while held: refilled as before").isTrue();
    int loads = next.ofCalls();
    refills.forEach(Runnable::run);
    assertThat(next.ofCalls()).isEqualTo(loads + 1);
    assertThat(cache.of(T1, U1).permissions().names())
        .containsExactly("reports.view", "users.view");
  }

  @Test
  void a_forged_set_naming_something_the_held_set_does_not_is_never_served() {
    rbac.grant(T1, U1, "reports.view");
    PermissionSnapshot held = cache.of(T1, U1);
    PermissionSnapshot forged =
        new PermissionSnapshot(
            PermissionSet.of("reports.view", "admin.everything"),
            held.version() + 1,
            Optional.empty());

    cache.invalidate(PAIR, held.version() + 1, forged);

    assertThat(cache.of(T1, U1).permissions().names()).containsExactly("reports.view");
    assertThat(next.ofCalls()).as("evicted and loaded from the source").isEqualTo(2);
  }

  @Test
  void a_set_older_than_the_held_one_is_not_kept() {
    RoleId role = rbac.grant(T1, U1, "reports.view", "users.view");
    long first = rbac.replaceRole(T1, U1, role, "reports.view");
    PermissionSnapshot older = rbac.of(T1, U1);
    // A later change already reached this instance and left its set here...
    RoleId other = rbac.grant(T1, U1, "audit.view");
    PermissionSnapshot newer = cache.of(T1, U1);
    assertThat(newer.version()).isGreaterThan(first);

    // ...then the earlier change's announcement arrives (a slow writer): it must not win.
    cache.invalidate(PAIR, first, older);

    assertThat(cache.held(T1, U1)).isEmpty();
    assertThat(cache.of(T1, U1).permissions().names()).contains("audit.view");
    assertThat(other).isNotNull();
  }

  @Test
  void nothing_held_nothing_kept() {
    rbac.grant(T1, U1, "reports.view");
    cache.invalidate(PAIR, 5, rbac.of(T1, U1));

    assertThat(cache.held(T1, U1)).isEmpty();
    assertThat(cache.refill(PAIR)).isFalse();
  }

  @Test
  void a_former_members_empty_set_is_kept_and_answers_nothing_until_the_next_change() {
    rbac.addMember(T1, U1, true);
    rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);

    long removed = rbac.removeMember(T1, U1);
    PermissionSnapshot stranger = rbac.of(T1, U1);
    assertThat(stranger.cacheable()).isFalse();
    cache.invalidate(PAIR, removed, stranger);

    int loads = next.ofCalls();
    assertThat(cache.of(T1, U1).permissions().isEmpty()).isTrue();
    assertThat(next.ofCalls()).as("the former member's set is a hit").isEqualTo(loads);

    // A load of a stranger is still never kept: random ids must not fill the cache.
    UserId nobody = new UserId(new UUID(0x05e7, 99));
    cache.of(T1, nobody);
    cache.of(T1, nobody);
    assertThat(next.ofCalls()).isEqualTo(loads + 2);

    // Re-added: the next change evicts it.
    long readded = rbac.addMember(T1, U1, true);
    cache.invalidate(PAIR, readded);
    cache.of(T1, U1);
    assertThat(next.ofCalls()).isEqualTo(loads + 3);
  }

  @Test
  void an_invalidation_after_the_install_makes_the_kept_set_unservable() {
    RoleId role = rbac.grant(T1, U1, "reports.view", "users.view");
    cache.of(T1, U1);
    cache.invalidate(PAIR, rbac.replaceRole(T1, U1, role, "reports.view"), rbac.of(T1, U1));
    assertThat(cache.held(T1, U1)).isPresent();

    for (InvalidationScope wider :
        List.of(
            new InvalidationScope.WholeTenant(T1),
            new InvalidationScope.WholeUser(U1),
            new InvalidationScope.Everything())) {
      cache.of(T1, U1);
      assertThat(cache.held(T1, U1)).as("before %s", wider).isPresent();
      cache.invalidate(wider, 100);
      assertThat(cache.held(T1, U1)).as("after %s", wider).isEmpty();
    }
  }

  @Test
  void the_kept_set_expires_no_later_than_the_held_one() {
    RoleId role = rbac.newRole(T1, java.util.Set.of("reports.view"));
    rbac.addMember(T1, U1, true);
    rbac.assign(T1, U1, role, Optional.of(START.plus(Duration.ofMinutes(5))));
    PermissionSnapshot held = cache.of(T1, U1);
    assertThat(held.validUntil()).contains(START.plus(Duration.ofMinutes(5)));

    // An announcement that claims the set never expires cannot extend what was held.
    PermissionSnapshot forever =
        new PermissionSnapshot(
            PermissionSet.of("reports.view"), held.version() + 1, Optional.empty());
    cache.invalidate(PAIR, held.version() + 1, forever);
    assertThat(cache.held(T1, U1).flatMap(PermissionSnapshot::validUntil))
        .contains(START.plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(6));
    assertThat(cache.held(T1, U1)).isEmpty();
    assertThat(cache.of(T1, U1).permissions().isEmpty()).isTrue();
  }

  @Test
  void an_eviction_that_lands_while_a_refill_runs_starts_the_refill_again() {
    RoleId role = rbac.grant(T1, U1, "reports.view", "users.view");
    cache.of(T1, U1);
    // The second channel's message evicts first and starts a refill...
    long version = rbac.replaceRole(T1, U1, role, "reports.view");
    cache.invalidate(PAIR, version);
    assertThat(cache.refill(PAIR)).isTrue();
    // ...the NOTIFY of the same change arrives while it runs: nothing held to narrow, and the
    // eviction makes the running refill's answer unservable, so the refill starts again.
    cache.invalidate(PAIR, version, rbac.of(T1, U1));
    assertThat(cache.refill(PAIR)).isTrue();

    refills.forEach(Runnable::run);
    assertThat(cache.held(T1, U1))
        .hasValueSatisfying(
            set -> assertThat(set.permissions().names()).containsExactly("reports.view"));
  }
}
