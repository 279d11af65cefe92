package io.warden.adapter.driven.infinispan;

import static io.warden.adapter.driven.infinispan.CacheCounts.assertCounts;
import static io.warden.adapter.driven.infinispan.Races.DEADLOCK_GUARD_SECONDS;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InfinispanPermissionCacheTest extends L1CacheContract<InfinispanPermissionCache> {

  private final InMemoryRbac rbac = new InMemoryRbac(clock);
  private final CountingPermissions next = new CountingPermissions(rbac);

  /** The role {@link #oneKey()} grants, which {@link #changeOneKey()} replaces. */
  private RoleId oneKeysRole;

  InfinispanPermissionCacheTest() {
    super(InfinispanPermissionCache::stats, InfinispanPermissionCache::store);
  }

  @Test
  void a_warm_read_does_not_call_the_next_tier() {
    rbac.grant(T1, U1, "reports.view");

    PermissionSnapshot first = cache.of(T1, U1);
    PermissionSnapshot held = cache.of(T1, U1);
    for (int i = 0; i < 5; i++) {
      // The very object kept: a hit labels nothing, allocates nothing.
      assertThat(cache.of(T1, U1)).isSameAs(held);
    }
    // The load answers as the next tier did; what L1 keeps says "l1", read at the same instant.
    assertThat(first.servedBy()).isEqualTo(PermissionSnapshot.DATABASE);
    assertThat(held.servedBy()).isEqualTo("l1");
    assertThat(held.computedAt()).isEqualTo(first.computedAt());
    assertThat(held.permissions()).isEqualTo(first.permissions());

    assertThat(names(first)).containsExactly("reports.view");
    assertThat(next.ofCalls()).isEqualTo(1);
    CacheStats stats = cache.stats();
    assertCounts(stats, 6, 1, 1, 1);
    assertThat(stats.hitRatio()).isEqualTo(6.0 / 7);
  }

  @Test
  void a_strangers_snapshot_is_answered_but_never_stored() {
    rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    List<UserId> strangers = Stream.generate(UserId::random).limit(200).toList();

    for (UserId stranger : strangers) {
      PermissionSnapshot answer = cache.of(T1, stranger);
      assertThat(answer.permissions().isEmpty()).isTrue();
      assertThat(answer.cacheable()).isFalse();
    }
    Map<UserId, PermissionSnapshot> batch = cache.ofAll(T1, strangers);
    cache.of(T1, strangers.get(0));

    assertThat(batch).hasSize(200).allSatisfy((u, p) -> assertThat(p.cacheable()).isFalse());
    assertThat(cache.store().keySet()).containsExactly(new PermissionKey(T1, U1));
    assertThat(cache.stats().size()).isEqualTo(1);
    assertThat(next.ofCalls()).as("each stranger asked the next tier every time").isEqualTo(202);
    assertThat(next.ofAllCalls()).isEqualTo(1);
  }

  @Test
  void swapping_tenant_and_user_ids_is_a_different_question() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    rbac.grant(new TenantId(a), new UserId(b), "reports.view");
    rbac.grant(new TenantId(b), new UserId(a), "users.view");

    assertThat(names(cache.of(new TenantId(a), new UserId(b)))).containsExactly("reports.view");
    assertThat(names(cache.of(new TenantId(b), new UserId(a)))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(2);
  }

  @Test
  void user_in_tenant_invalidation_evicts_that_user_in_that_tenant_only() {
    warm(T1, U1, T1, U2, T2, U1);

    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 1);

    assertThat(reloads(T1, U1)).isTrue();
    assertThat(reloads(T1, U2)).isFalse();
    assertThat(reloads(T2, U1)).isFalse();
  }

  @Test
  void whole_tenant_invalidation_evicts_every_user_of_that_tenant_without_a_scan() {
    warm(T1, U1, T1, U2, T2, U1, T2, U2);
    long sizeBefore = cache.stats().size();

    cache.invalidate(new InvalidationScope.WholeTenant(T1), 1);

    // O(1): nothing was looked up or removed, the entries simply no longer count.
    assertThat(cache.stats().size()).isEqualTo(sizeBefore);
    assertThat(reloads(T1, U1)).isTrue();
    assertThat(reloads(T1, U2)).isTrue();
    assertThat(reloads(T2, U1)).isFalse();
    assertThat(reloads(T2, U2)).isFalse();
  }

  @Test
  void whole_user_invalidation_evicts_that_user_in_every_tenant_only() {
    warm(T1, U1, T2, U1, T1, U2, T2, U2);

    cache.invalidate(new InvalidationScope.WholeUser(U1), 1);

    assertThat(reloads(T1, U1)).isTrue();
    assertThat(reloads(T2, U1)).isTrue();
    assertThat(reloads(T1, U2)).isFalse();
    assertThat(reloads(T2, U2)).isFalse();
  }

  @Test
  void everything_invalidation_evicts_and_frees_every_entry() {
    warm(T1, U1, T2, U2);

    cache.invalidate(new InvalidationScope.Everything(), 1);

    assertThat(cache.stats().size()).isZero();
    assertThat(reloads(T1, U1)).isTrue();
    assertThat(reloads(T2, U2)).isTrue();
  }

  @Test
  void keys_sharing_a_stripe_only_miss_spuriously_and_still_answer_right() {
    cache.close();
    cache = newCache(L1Limits.defaults(), new InvalidationGenerations(1, 1, 1));
    rbac.grant(T2, U2, "users.view");
    warm(T1, U1, T2, U2);

    cache.invalidate(new InvalidationScope.WholeTenant(T1), 1);

    int calls = next.ofCalls();
    assertThat(names(cache.of(T2, U2))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(calls + 1);
  }

  @ParameterizedTest
  @MethodSource("scopes_covering_t1_u1")
  void a_load_that_read_before_an_invalidation_is_never_served_after_it(InvalidationScope scope)
      throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    Hold hold = next.holdNextCall();
    Future<PermissionSnapshot> slowLoad = pool.submit(() -> cache.of(T1, U1));
    hold.awaitArrival();

    long version = rbac.replaceRole(T1, U1, old, "users.view");
    cache.invalidate(scope, version);
    hold.release();

    // The slow caller's request overlapped the change: the old answer is fair for it alone.
    assertThat(names(get(slowLoad))).containsExactly("reports.view");
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(2);
    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(2);
  }

  @Test
  void racing_loads_and_invalidations_always_end_on_the_current_data() throws Exception {
    List<InvalidationScope> scopes = scopes_covering_t1_u1().toList();
    RoleId role = rbac.newRole(T1, Set.of("reports.view"));
    rbac.addMember(T1, U1, true);
    for (int round = 0; round < 400; round++) {
      boolean assigned = round % 2 == 0;
      InvalidationScope scope = scopes.get(round % scopes.size());
      CountDownLatch go = new CountDownLatch(1);
      Future<?> reader =
          pool.submit(
              () -> {
                go.await();
                cache.of(T1, U1);
                return cache.ofAll(T1, List.of(U1, U2));
              });
      Future<?> writer =
          pool.submit(
              () -> {
                go.await();
                long version =
                    assigned
                        ? rbac.assign(T1, U1, role, Optional.empty())
                        : rbac.unassign(T1, U1, role);
                cache.invalidate(scope, version);
                return null;
              });
      go.countDown();
      get(reader);
      get(writer);

      PermissionSnapshot truth = rbac.of(T1, U1);
      assertThat(cache.of(T1, U1).permissions())
          .as("round %d", round)
          .isEqualTo(truth.permissions());
      assertThat(cache.ofAll(T1, List.of(U1)).get(U1).permissions())
          .as("round %d", round)
          .isEqualTo(truth.permissions());
    }
  }

  @Test
  void concurrent_misses_for_one_key_call_the_next_tier_once() throws Exception {
    rbac.grant(T1, U1, "reports.view");
    int callers = 8;
    Hold hold = next.holdNextCall();
    List<Future<PermissionSnapshot>> answers = new ArrayList<>();
    answers.add(pool.submit(() -> cache.of(T1, U1)));
    hold.awaitArrival();
    for (int i = 1; i < callers; i++) {
      answers.add(pool.submit(() -> cache.of(T1, U1)));
    }
    awaitUntil(() -> cache.stats().coalescedLoads() == callers - 1, "callers joining the load");

    hold.release();

    for (Future<PermissionSnapshot> answer : answers) {
      assertThat(names(get(answer))).containsExactly("reports.view");
    }
    assertThat(next.ofCalls()).isEqualTo(1);
  }

  @Test
  void a_caller_arriving_after_an_invalidation_does_not_join_the_older_load() throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    Hold hold = next.holdNextCall();
    Future<PermissionSnapshot> slowLoad = pool.submit(() -> cache.of(T1, U1));
    hold.awaitArrival();
    Future<PermissionSnapshot> earlyJoiner = pool.submit(() -> cache.of(T1, U1));
    awaitUntil(() -> cache.stats().coalescedLoads() == 1, "the early caller joining the load");

    cache.invalidate(
        new InvalidationScope.UserInTenant(T1, U1), rbac.replaceRole(T1, U1, old, "users.view"));
    Future<PermissionSnapshot> lateCaller = pool.submit(() -> cache.of(T1, U1));

    // Had it joined, it would wait for the held load; it must answer while that is still held.
    PermissionSnapshot late;
    try {
      late = lateCaller.get(DEADLOCK_GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the late caller joined the load that began before the change", e);
    }
    assertThat(names(late)).containsExactly("users.view");
    hold.release();
    assertThat(names(get(slowLoad))).containsExactly("reports.view");
    assertThat(names(get(earlyJoiner))).containsExactly("reports.view");
    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(2);
  }

  @Test
  void an_entry_ends_when_an_assignment_in_it_expires() {
    Instant expiry = START.plus(Duration.ofMinutes(5));
    rbac.grant(T1, U1, "users.view");
    rbac.assign(T1, U1, rbac.newRole(T1, Set.of("reports.view")), Optional.of(expiry));
    assertThat(names(cache.of(T1, U1))).containsExactly("reports.view", "users.view");

    assertTheEntryEndsAt(expiry, permissionsOf(T1, U1));

    assertThat(names(cache.of(T1, U1))).containsExactly("users.view");
    assertThat(next.ofCalls()).isEqualTo(2);
  }

  @Test
  void ofAll_serves_old_entries_only_within_the_staleness_bound_while_the_feed_is_down() {
    warm(T1, U1, T1, U2);
    feedLive.set(false);
    clock.advance(Duration.ofSeconds(2));
    cache.of(T1, U2);

    cache.ofAll(T1, List.of(U1, U2));

    assertThat(next.ofAllRequests()).containsExactly(List.of(U1));
  }

  @Test
  void ofAll_serves_hits_and_loads_every_miss_in_one_call() {
    rbac.grant(T1, U1, "reports.view");
    rbac.grant(T1, U3, "users.view");
    rbac.addMember(T1, U4, true);
    warm(T1, U1, T1, U2);

    Map<UserId, PermissionSnapshot> answers = cache.ofAll(T1, List.of(U1, U2, U3, U4, U3));

    assertThat(next.ofAllRequests()).containsExactly(List.of(U3, U4));
    assertThat(next.ofCalls()).isEqualTo(2);
    assertThat(answers).containsOnlyKeys(U1, U2, U3, U4);
    assertThat(names(answers.get(U1))).containsExactly("reports.view");
    assertThat(answers.get(U2).permissions().isEmpty()).isTrue();
    assertThat(names(answers.get(U3))).containsExactly("users.view");
    assertThat(answers.get(U4).permissions().isEmpty()).isTrue();

    cache.ofAll(T1, List.of(U1, U2, U3, U4));
    cache.of(T1, U4);
    assertThat(next.ofAllCalls()).isEqualTo(1);
    assertThat(next.ofCalls()).isEqualTo(2);
  }

  @Test
  void ofAll_of_no_one_asks_nothing() {
    assertThat(cache.ofAll(T1, List.of())).isEmpty();
    assertThat(next.ofAllCalls()).isZero();
  }

  @Test
  void a_bulk_load_that_read_before_an_invalidation_is_not_served_after_it() throws Exception {
    RoleId old = rbac.grant(T1, U1, "reports.view");
    rbac.grant(T1, U2, "reports.view");
    Hold hold = next.holdNextCall();
    Future<Map<UserId, PermissionSnapshot>> slowLoad =
        pool.submit(() -> cache.ofAll(T1, List.of(U1, U2)));
    hold.awaitArrival();

    cache.invalidate(
        new InvalidationScope.UserInTenant(T1, U1), rbac.replaceRole(T1, U1, old, "users.view"));
    hold.release();
    get(slowLoad);

    assertThat(names(cache.ofAll(T1, List.of(U1, U2)).get(U1))).containsExactly("users.view");
    assertThat(next.ofAllRequests()).containsExactly(List.of(U1, U2), List.of(U1));
    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
  }

  @Test
  void a_closed_cache_still_answers_a_bulk_read_from_the_next_tier() {
    rbac.grant(T1, U1, "reports.view");
    cache.of(T1, U1);
    cache.close();

    assertThat(cache.ofAll(T1, List.of(U1))).containsOnlyKeys(U1);
    assertThat(next.ofAllCalls()).isEqualTo(1);
  }

  @Override
  InfinispanPermissionCache newCache(L1Limits limits, InvalidationGenerations generations) {
    return generations == null
        ? new InfinispanPermissionCache(next, feedLive::get, clock, limits)
        : new InfinispanPermissionCache(next, guard(limits, generations));
  }

  /** Reads each (tenant, user) pair given as alternating arguments, so they are cached. */
  /** Reads each pair once, as members (a stranger's snapshot is never cached). */
  private void warm(Object... tenantUserPairs) {
    for (int i = 0; i < tenantUserPairs.length; i += 2) {
      TenantId tenant = (TenantId) tenantUserPairs[i];
      UserId user = (UserId) tenantUserPairs[i + 1];
      if (!rbac.of(tenant, user).cacheable()) {
        rbac.addMember(tenant, user, true);
      }
      cache.of(tenant, user);
    }
  }

  /** Whether reading the key now calls the next tier; the answer must match the data either way. */
  private boolean reloads(TenantId tenant, UserId user) {
    int before = next.ofCalls();
    assertThat(cache.of(tenant, user).permissions()).isEqualTo(rbac.of(tenant, user).permissions());
    return next.ofCalls() > before;
  }

  private static List<String> names(PermissionSnapshot snapshot) {
    return snapshot.permissions().names();
  }

  @Override
  OneKey oneKey() {
    oneKeysRole = rbac.grant(T1, U1, "reports.view");
    return permissionsOf(T1, U1);
  }

  @Override
  void changeOneKey() {
    long version = rbac.replaceRole(T1, U1, oneKeysRole, "users.view");
    cache.invalidate(new InvalidationScope.WholeTenant(T1), version);
  }

  @Override
  OneKey manyKey(int i) {
    UserId user = UserId.random();
    rbac.addMember(T1, user, true);
    if (i % 3 == 0) {
      rbac.grant(T1, user, "reports.view");
    }
    return permissionsOf(T1, user);
  }

  private OneKey permissionsOf(TenantId tenant, UserId user) {
    return new OneKey(
        () -> cache.of(tenant, user).permissions(),
        () -> rbac.of(tenant, user).permissions(),
        next::ofCalls,
        next::failNextCall);
  }
}
