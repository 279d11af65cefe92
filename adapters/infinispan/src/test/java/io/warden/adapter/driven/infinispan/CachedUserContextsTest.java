package io.warden.adapter.driven.infinispan;

import static io.warden.adapter.driven.infinispan.CacheCounts.assertCounts;
import static io.warden.adapter.driven.infinispan.Races.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.infinispan.Races.Hold;
import io.warden.application.port.driven.UserContexts.UserContext;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CachedUserContextsTest extends L1CacheContract<CachedUserContexts> {
  private static final List<UserContextKey> KEYS =
      List.of(
          new UserContextKey(T1, U1),
          new UserContextKey(T1, U2),
          new UserContextKey(T2, U1),
          new UserContextKey(T2, U2));

  private final CountingUserContexts next = new CountingUserContexts(clock);

  CachedUserContextsTest() {
    super(CachedUserContexts::stats, CachedUserContexts::store);
  }

  @BeforeEach
  void putData() {
    next.putUser(user(U1, "Ada"));
    next.putUser(user(U2, "Grace"));
    next.putTenant(new Tenant(T1, "acme", "Acme", true));
    next.putTenant(new Tenant(T2, "globex", "Globex", true));
    next.assign(U1, role(T1, "viewer"), Optional.empty());
    next.assign(U2, role(T1, "editor"), Optional.empty());
    next.assign(U1, role(T2, "auditor"), Optional.empty());
  }

  @Test
  void a_warm_read_does_not_call_the_next_tier() {
    Optional<UserContext> first = cache.of(T1, U1);
    for (int i = 0; i < 5; i++) {
      assertThat(cache.of(T1, U1)).isSameAs(first);
    }

    assertThat(roleNames(first)).containsExactly("viewer");
    assertThat(next.calls()).isEqualTo(1);
    assertCounts(cache.stats(), 5, 1, 1, 1);
  }

  @Test
  void swapping_tenant_and_user_ids_is_a_different_question() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    next.putUser(user(new UserId(a), "A"));
    next.putUser(user(new UserId(b), "B"));
    next.putTenant(new Tenant(new TenantId(a), "tenant-a", "A", true));
    next.putTenant(new Tenant(new TenantId(b), "tenant-b", "B", true));

    assertThat(cache.of(new TenantId(a), new UserId(b)))
        .hasValueSatisfying(c -> assertThat(c.tenant().slug()).isEqualTo("tenant-a"));
    assertThat(cache.of(new TenantId(b), new UserId(a)))
        .hasValueSatisfying(c -> assertThat(c.tenant().slug()).isEqualTo("tenant-b"));
    assertThat(next.calls()).isEqualTo(2);
  }

  static Stream<Arguments> scopes_and_what_they_evict() {
    return Stream.of(
        Arguments.of(new InvalidationScope.UserInTenant(T1, U1), Set.of(KEYS.get(0))),
        Arguments.of(new InvalidationScope.WholeTenant(T1), Set.of(KEYS.get(0), KEYS.get(1))),
        Arguments.of(new InvalidationScope.WholeUser(U1), Set.of(KEYS.get(0), KEYS.get(2))),
        Arguments.of(new InvalidationScope.Everything(), Set.copyOf(KEYS)));
  }

  @ParameterizedTest
  @MethodSource("scopes_and_what_they_evict")
  void each_scope_evicts_the_contexts_it_covers_and_nothing_else(
      InvalidationScope scope, Set<UserContextKey> evicted) {
    KEYS.forEach(this::read);

    cache.invalidate(scope, 1);

    for (UserContextKey key : KEYS) {
      assertThat(reloads(key)).as("%s evicts %s", scope, key).isEqualTo(evicted.contains(key));
    }
  }

  @Test
  void a_tree_change_makes_only_that_tenants_tree_stale_and_no_context() {
    KEYS.forEach(this::read);
    cache.organizationTree(T1);
    cache.organizationTree(T2);
    cache.organizationTree(T1);
    assertThat(next.treeCalls()).isEqualTo(2);

    cache.invalidate(new InvalidationScope.TenantTree(T1), 1);

    for (UserContextKey key : KEYS) {
      assertThat(reloads(key)).as("a tree change evicts no context: %s", key).isFalse();
    }
    cache.organizationTree(T2);
    assertThat(next.treeCalls()).as("the other tenant's tree stays").isEqualTo(2);
    cache.organizationTree(T1);
    assertThat(next.treeCalls()).isEqualTo(3);

    // A context change leaves the tree; a tenant flush or everything takes it along.
    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 2);
    cache.invalidate(new InvalidationScope.WholeUser(U1), 3);
    cache.organizationTree(T1);
    assertThat(next.treeCalls()).isEqualTo(3);
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 4);
    cache.organizationTree(T1);
    assertThat(next.treeCalls()).isEqualTo(4);
    cache.invalidate(new InvalidationScope.Everything(), 5);
    cache.organizationTree(T1);
    assertThat(next.treeCalls()).isEqualTo(5);
  }

  @Test
  void user_in_tenant_invalidation_frees_its_entry() {
    KEYS.forEach(this::read);

    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 1);

    assertThat(cache.stats().size()).isEqualTo(KEYS.size() - 1);
  }

  @Test
  void whole_tenant_and_whole_user_invalidations_cost_no_scan() {
    KEYS.forEach(this::read);

    cache.invalidate(new InvalidationScope.WholeTenant(T1), 1);
    cache.invalidate(new InvalidationScope.WholeUser(U2), 2);

    // O(1): nothing was looked up or removed, the entries simply no longer count.
    assertThat(cache.stats().size()).isEqualTo(KEYS.size());
    assertThat(reloads(KEYS.get(0))).isTrue();
    assertThat(reloads(KEYS.get(1))).isTrue();
    assertThat(reloads(KEYS.get(2))).isFalse();
    assertThat(reloads(KEYS.get(3))).isTrue();
  }

  @Test
  void everything_invalidation_frees_every_entry() {
    KEYS.forEach(this::read);

    cache.invalidate(new InvalidationScope.Everything(), 1);

    assertThat(cache.stats().size()).isZero();
  }

  @Test
  void an_assigned_role_shows_once_its_invalidation_arrives() {
    cache.of(T1, U1);

    next.assign(U1, role(T1, "editor"), Optional.empty());
    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 7);

    assertThat(roleNames(cache.of(T1, U1))).containsExactly("editor", "viewer");
  }

  @Test
  void a_renamed_role_shows_for_every_holder_in_the_tenant() {
    Role viewer = role(T1, "viewer");
    next.assign(U2, viewer, Optional.empty());
    cache.of(T1, U1);
    cache.of(T1, U2);

    next.changeRole(viewer.withName("reader"));
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 7);

    assertThat(roleNames(cache.of(T1, U2))).containsExactly("editor", "reader");
  }

  @Test
  void a_renamed_user_shows_in_every_tenant() {
    cache.of(T1, U1);
    cache.of(T2, U1);

    next.putUser(user(U1, "Ada Lovelace"));
    cache.invalidate(new InvalidationScope.WholeUser(U1), 7);

    for (TenantId tenant : List.of(T1, T2)) {
      assertThat(cache.of(tenant, U1))
          .hasValueSatisfying(c -> assertThat(c.user().displayName()).isEqualTo("Ada Lovelace"));
    }
  }

  @Test
  void an_unknown_tenant_is_cached_as_absent_until_it_is_created() {
    TenantId newcomer = new TenantId(new UUID(0x7e1a, 9));
    assertThat(cache.of(newcomer, U1)).isEmpty();
    assertThat(cache.of(newcomer, U1)).isEmpty();
    assertThat(next.calls()).isEqualTo(1);

    next.putTenant(new Tenant(newcomer, "initech", "Initech", true));
    cache.invalidate(new InvalidationScope.WholeTenant(newcomer), 7);

    assertThat(cache.of(newcomer, U1)).isPresent();
  }

  @Test
  void a_context_ends_when_a_role_assignment_in_it_expires() {
    Instant expiry = START.plus(Duration.ofMinutes(5));
    next.assign(U1, role(T1, "temp"), Optional.of(expiry));
    assertThat(roleNames(cache.of(T1, U1))).containsExactly("temp", "viewer");

    assertTheEntryEndsAt(expiry, contextOf(T1, U1));

    assertThat(roleNames(cache.of(T1, U1))).containsExactly("viewer");
    assertThat(next.calls()).isEqualTo(2);
  }

  @Test
  void a_context_that_expired_while_it_loaded_is_not_kept() throws Exception {
    next.assign(U1, role(T1, "temp"), Optional.of(START.plusSeconds(1)));
    Hold hold = next.holdNextCall();
    Future<Optional<UserContext>> slowLoad = pool.submit(() -> cache.of(T1, U1));
    hold.awaitArrival();

    clock.advance(Duration.ofSeconds(1));
    hold.release();

    assertThat(roleNames(get(slowLoad))).containsExactly("temp", "viewer");
    assertThat(cache.stats().size()).isZero();
    assertThat(roleNames(cache.of(T1, U1))).containsExactly("viewer");
  }

  @ParameterizedTest
  @MethodSource("scopes_covering_t1_u1")
  void a_load_that_read_before_an_invalidation_is_never_served_after_it(InvalidationScope scope)
      throws Exception {
    Hold hold = next.holdNextCall();
    Future<Optional<UserContext>> slowLoad = pool.submit(() -> cache.of(T1, U1));
    hold.awaitArrival();

    next.assign(U1, role(T1, "editor"), Optional.empty());
    cache.invalidate(scope, 7);
    hold.release();

    // The slow caller's request overlapped the change: the old answer is fair for it alone.
    assertThat(roleNames(get(slowLoad))).containsExactly("viewer");
    assertThat(roleNames(cache.of(T1, U1))).containsExactly("editor", "viewer");
    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
    assertThat(roleNames(cache.of(T1, U1))).containsExactly("editor", "viewer");
    assertThat(next.calls()).isEqualTo(2);
  }

  @Test
  void keys_sharing_a_stripe_only_miss_spuriously_and_still_answer_right() {
    cache.close();
    cache = newCache(L1Limits.defaults(), new InvalidationGenerations(1, 1, 1));
    read(KEYS.get(3));

    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 1);

    assertThat(reloads(KEYS.get(3))).isTrue();
  }

  @Override
  CachedUserContexts newCache(L1Limits limits, InvalidationGenerations generations) {
    return generations == null
        ? new CachedUserContexts(next, feedLive::get, clock, limits)
        : new CachedUserContexts(next, guard(limits, generations));
  }

  private void read(UserContextKey key) {
    cache.of(key.tenantId(), key.userId());
  }

  /** Whether reading the key now calls the next tier; the answer must match the data either way. */
  private boolean reloads(UserContextKey key) {
    int before = next.calls();
    assertThat(cache.of(key.tenantId(), key.userId()))
        .as("%s", key)
        .isEqualTo(next.read(key.tenantId(), key.userId()));
    return next.calls() > before;
  }

  private static User user(UserId id, String name) {
    return new User(id, new Email(id.value() + "@example.com"), name, "hash", true, false, START);
  }

  /** A role of {@code tenant}; roles are equal by every field, so each call makes a new one. */
  private static Role role(TenantId tenant, String name) {
    return Role.create(tenant, name, "", Set.of(new PermissionName("reports.view")));
  }

  private static List<String> roleNames(Optional<UserContext> context) {
    assertThat(context).isPresent();
    return context.get().roles().stream().map(Role::name).toList();
  }

  @Override
  OneKey oneKey() {
    return contextOf(T1, U1);
  }

  @Override
  void changeOneKey() {
    next.assign(U1, role(T1, "editor"), Optional.empty());
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 7);
  }

  @Override
  OneKey manyKey(int i) {
    UserId user = UserId.random();
    next.putUser(user(user, "User " + i));
    if (i % 3 == 0) {
      next.assign(user, role(T1, "viewer"), Optional.empty());
    }
    return contextOf(T1, user);
  }

  private OneKey contextOf(TenantId tenant, UserId user) {
    return new OneKey(
        () -> cache.of(tenant, user),
        () -> next.read(tenant, user),
        next::calls,
        next::failNextCall);
  }
}
