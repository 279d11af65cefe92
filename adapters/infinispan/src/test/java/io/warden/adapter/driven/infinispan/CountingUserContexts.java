package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * User contexts in memory, answered as the database does (roles effective now, the earliest expiry
 * among them), counting the calls; one call can be held after it has read its answer and before it
 * returns it.
 */
final class CountingUserContexts implements UserContexts {
  private record Assignment(Role role, Optional<Instant> expiresAt) {}

  private record MemberKey(TenantId tenantId, UserId userId) {}

  private final Clock clock;
  private final Map<UserId, User> users = new ConcurrentHashMap<>();
  private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
  private final Map<MemberKey, List<Assignment>> assignments = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger treeCalls = new AtomicInteger();
  private final Races.HoldSlot holds = new Races.HoldSlot();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

  CountingUserContexts(Clock clock) {
    this.clock = clock;
  }

  void putUser(User user) {
    users.put(user.id(), user);
  }

  void putTenant(Tenant tenant) {
    tenants.put(tenant.id(), tenant);
  }

  void assign(UserId user, Role role, Optional<Instant> expiresAt) {
    assignments
        .computeIfAbsent(new MemberKey(role.tenantId(), user), k -> new CopyOnWriteArrayList<>())
        .add(new Assignment(role, expiresAt));
  }

  /** Replaces {@code role} (same id) in every assignment of its tenant: a rename, for instance. */
  void changeRole(Role role) {
    assignments.forEach(
        (key, list) ->
            list.replaceAll(
                a -> a.role().id().equals(role.id()) ? new Assignment(role, a.expiresAt()) : a));
  }

  int calls() {
    return calls.get();
  }

  /** How many times a tenant's organization tree was read. */
  int treeCalls() {
    return treeCalls.get();
  }

  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    treeCalls.incrementAndGet();
    return OrganizationTree.of(List.of());
  }

  Races.Hold holdNextCall() {
    return holds.holdNextCall();
  }

  void failNextCall(RuntimeException failure) {
    nextFailure.set(failure);
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    calls.incrementAndGet();
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
    Optional<UserContext> answer = read(tenantId, userId);
    holds.holdIfAsked();
    return answer;
  }

  /** What the database answers now. */
  Optional<UserContext> read(TenantId tenantId, UserId userId) {
    User user = users.get(userId);
    Tenant tenant = tenants.get(tenantId);
    if (user == null || tenant == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<Assignment> effective =
        assignments.getOrDefault(new MemberKey(tenantId, userId), List.of()).stream()
            .filter(a -> a.expiresAt().map(now::isBefore).orElse(true))
            .sorted(Comparator.comparing(a -> a.role().name()))
            .toList();
    Optional<Instant> validUntil =
        effective.stream().flatMap(a -> a.expiresAt().stream()).min(Comparator.naturalOrder());
    return Optional.of(
        new UserContext(
            user, tenant, effective.stream().map(Assignment::role).toList(), validUntil));
  }
}
