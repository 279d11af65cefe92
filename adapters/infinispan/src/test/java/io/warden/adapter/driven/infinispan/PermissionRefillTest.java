package io.warden.adapter.driven.infinispan;

import static io.warden.adapter.driven.infinispan.Races.awaitUntil;
import static io.warden.adapter.driven.infinispan.Races.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.infinispan.Races.Hold;
import io.warden.application.fake.InMemoryRbac;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L1 refill after an eviction ({@link InfinispanPermissionCache#refill}): the next read is a
 * hit on the new set, only what was held is refilled, the work is bounded, and — what the tests
 * below try hardest to break — no load that began before a revocation (a check's, or an earlier
 * refill's) can put the old set back or be handed to a later caller, whatever the interleaving.
 */
class PermissionRefillTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  private static final UserId U1 = new UserId(new UUID(0x05e7, 1));
  private static final UserId U2 = new UserId(new UUID(0x05e7, 2));
  private static final InvalidationScope PAIR = new InvalidationScope.UserInTenant(T1, U1);

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryRbac rbac = new InMemoryRbac(clock);
  private final CountingPermissions next = new CountingPermissions(rbac);
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  /** Every refill the cache started, so a test can wait for them. */
  private final ConcurrentLinkedQueue<Future<?>> refills = new ConcurrentLinkedQueue<>();

  private InfinispanPermissionCache cache;

  @BeforeEach
  void startCache() {
    cache =
        new InfinispanPermissionCache(
            next,
            L1Guard.alone(() -> true, clock, L1Limits.defaults()),
            refill -> refills.add(pool.submit(refill)));
  }

  @AfterEach
  void stopCache() {
    pool.shutdownNow();
    cache.close();
  }

  @Test
  void after_a_user_in_tenant_eviction_the_held_set_is_reloaded_and_the_next_read_is_a_hit()
      throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);

    long version = rbac.replaceRole(T1, U1, old, "users.view");
    cache.invalidate(PAIR, version);
    assertThat(cache.refill(PAIR)).isTrue();
    awaitRefills();

    assertThat(next.ofCalls()).isEqualTo(2);
    CacheStats before = cache.stats();
    PermissionSnapshot read = cache.of(T1, U1);
    assertThat(names(read)).containsExactly("users.view");
    assertThat(read.servedBy()).isEqualTo("l1");
    assertThat(next.ofCalls()).as("the read was a hit").isEqualTo(2);
    assertThat(cache.stats().hits()).isEqualTo(before.hits() + 1);
    assertThat(cache.stats().misses()).as("a refill is no caller's miss").isEqualTo(1);
  }

  @Test
  void only_a_held_set_named_by_a_user_in_tenant_scope_is_refilled_and_only_once() {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    rbac.grant(T1, U2, "reports.view");

    // Not held: nothing to refill.
    cache.invalidate(PAIR, 1);
    assertThat(cache.refill(PAIR)).isFalse();

    // Held, but the scope is the whole tenant, the whole user or everything: lazy as before.
    for (InvalidationScope wide :
        List.of(
            new InvalidationScope.WholeTenant(T1),
            new InvalidationScope.WholeUser(U1),
            new InvalidationScope.Everything())) {
      cache.of(T1, U1);
      cache.invalidate(wide, 2);
      assertThat(cache.refill(wide)).as("%s", wide).isFalse();
      assertThat(cache.refill(PAIR)).as("after %s", wide).isFalse();
    }

    // Held and named: refilled once; asking again refills nothing more.
    cache.of(T1, U1);
    cache.of(T1, U2);
    cache.invalidate(PAIR, rbac.replaceRole(T1, U1, old, "users.view"));
    assertThat(cache.refill(new InvalidationScope.UserInTenant(T1, U2))).isFalse();
    assertThat(cache.refill(PAIR)).isTrue();
    assertThat(cache.refill(PAIR)).isFalse();
    assertThat(refills).hasSize(1);
  }

  @Test
  void no_more_than_the_bound_of_refills_run_at_once_and_the_others_are_left_to_the_next_read() {
    // Refills that are started but never run keep their slots: the bound is all that limits them.
    List<Runnable> started = new ArrayList<>();
    cache.close();
    cache =
        new InfinispanPermissionCache(
            next, L1Guard.alone(() -> true, clock, L1Limits.defaults()), started::add);
    int users = InfinispanPermissionCache.MAX_CONCURRENT_REFILLS + 3;
    List<UserId> ids = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      UserId user = UserId.random();
      ids.add(user);
      rbac.grant(T1, user, "reports.view");
      cache.of(T1, user);
    }
    int accepted = 0;
    for (UserId user : ids) {
      InvalidationScope scope = new InvalidationScope.UserInTenant(T1, user);
      cache.invalidate(scope, 10);
      if (cache.refill(scope)) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(InfinispanPermissionCache.MAX_CONCURRENT_REFILLS);
    assertThat(started).hasSize(InfinispanPermissionCache.MAX_CONCURRENT_REFILLS);

    started.forEach(Runnable::run);
    int calls = next.ofCalls();
    for (UserId user : ids) {
      assertThat(names(cache.of(T1, user))).containsExactly("reports.view");
    }
    assertThat(next.ofCalls() - calls)
        .as("the ones not refilled load on their next read")
        .isEqualTo(users - InfinispanPermissionCache.MAX_CONCURRENT_REFILLS);
    // Slots are given back: the next eviction is refilled again.
    InvalidationScope first = new InvalidationScope.UserInTenant(T1, ids.get(0));
    cache.invalidate(first, 11);
    assertThat(cache.refill(first)).isTrue();
  }

  @Test
  void an_old_load_in_flight_never_overwrites_the_refill() throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    // An earlier tenant-wide change: the entry stays but misses, so the next read loads.
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 1);
    Hold hold = next.holdNextCall();
    Future<PermissionSnapshot> oldLoad = pool.submit(() -> cache.of(T1, U1));
    hold.awaitArrival(); // it has read "reports.view" and not returned yet

    cache.invalidate(PAIR, rbac.replaceRole(T1, U1, old, "users.view"));
    // The stale entry was still in the store: the eviction found it held.
    assertThat(cache.refill(PAIR)).isTrue();
    awaitRefills();
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");

    hold.release();
    // The old caller's request overlapped the change: the old answer is fair for it alone.
    assertThat(names(get(oldLoad))).containsExactly("reports.view");
    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).as("initial load, old load, refill: no more").isEqualTo(3);
  }

  @Test
  void a_read_during_the_refill_waits_for_the_refill_and_never_for_the_older_load()
      throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 1);
    Hold oldHold = next.holdNextCall();
    Future<PermissionSnapshot> oldLoad = pool.submit(() -> cache.of(T1, U1));
    oldHold.awaitArrival();

    cache.invalidate(PAIR, rbac.replaceRole(T1, U1, old, "users.view"));
    Hold refillHold = next.holdNextCall();
    assertThat(cache.refill(PAIR)).isTrue();
    refillHold.awaitArrival(); // the refill has read "users.view" and not stored it yet
    Future<PermissionSnapshot> reader = pool.submit(() -> cache.of(T1, U1));
    awaitUntil(() -> cache.stats().coalescedLoads() == 1, "the reader joining a load");

    // Release the old load first: had the reader joined it, it would now answer the old set.
    oldHold.release();
    assertThat(names(get(oldLoad))).containsExactly("reports.view");
    assertThat(reader.isDone()).as("the reader waits for the refill").isFalse();
    refillHold.release();
    assertThat(names(get(reader))).containsExactly("users.view");
    awaitRefills();
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(3);
  }

  @Test
  void a_refill_overtaken_by_a_newer_revocation_is_not_kept() throws Exception {
    RoleId first = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    rbac.unassign(T1, U1, first);
    RoleId second = rbac.newRole(T1, Set.of("users.view"));
    cache.invalidate(PAIR, rbac.assign(T1, U1, second, Optional.empty()));
    Hold hold = next.holdNextCall();
    assertThat(cache.refill(PAIR)).isTrue();
    hold.awaitArrival(); // the refill read "users.view"

    // A second revocation lands while the refill holds its now old answer.
    cache.invalidate(PAIR, rbac.unassign(T1, U1, second));
    hold.release();
    awaitRefills();

    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
    assertThat(names(cache.of(T1, U1))).isEmpty();
  }

  @Test
  void racing_reads_old_loads_and_refills_never_serve_a_revoked_permission() throws Exception {
    RoleId role = rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    AtomicInteger violations = new AtomicInteger();
    for (int round = 0; round < 300; round++) {
      boolean revoke = round % 2 == 0;
      AtomicBoolean invalidated = new AtomicBoolean();
      AtomicInteger readsAfter = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(
            pool.submit(
                () -> {
                  go.await();
                  while (!stop.get()) {
                    // Read the flag before the read begins: only reads that began after the
                    // invalidation returned must see the new state.
                    boolean after = invalidated.get();
                    boolean allows = cache.of(T1, U1).permissions().allows("reports.view");
                    if (after) {
                      readsAfter.incrementAndGet();
                      if (allows == revoke) {
                        violations.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      long version =
          revoke ? rbac.unassign(T1, U1, role) : rbac.assign(T1, U1, role, Optional.empty());
      cache.invalidate(PAIR, version);
      invalidated.set(true);
      cache.refill(PAIR);
      awaitUntil(() -> readsAfter.get() >= 30, "reads after the invalidation");
      stop.set(true);
      for (Future<?> reader : readers) {
        get(reader);
      }
      assertThat(violations).as("round %d", round).hasValue(0);
      assertThat(cache.of(T1, U1).permissions().allows("reports.view"))
          .as("round %d", round)
          .isEqualTo(!revoke);
    }
    awaitRefills();
    assertThat(cache.of(T1, U1).permissions()).isEqualTo(rbac.of(T1, U1).permissions());
  }

  private void awaitRefills() throws Exception {
    for (Future<?> refill = refills.poll(); refill != null; refill = refills.poll()) {
      get(refill);
    }
  }

  private static List<String> names(PermissionSnapshot snapshot) {
    return snapshot.permissions().names();
  }
}
