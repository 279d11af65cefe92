package io.warden.application.fake;

import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Memberships in an {@link InMemoryStore}, seen only through the current {@code inTenant}. Pages
 * are ordered by user id as PostgreSQL orders {@code uuid} (unsigned bytes, the same as the
 * canonical text), not as {@link java.util.UUID#compareTo} does.
 */
public final class InMemoryMembershipRepository implements MembershipRepository {
  /** PostgreSQL's order of {@code uuid} values. */
  public static final Comparator<UserId> USER_ID_ORDER = Comparator.comparing(UserId::toString);

  private final InMemoryStore store;

  public InMemoryMembershipRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<Membership> find(UserId userId) {
    TenantId tenant = store.tenant();
    return Optional.ofNullable(
        store.read().memberships.get(new InMemoryStore.MemberKey(tenant, userId)));
  }

  @Override
  public void insert(Membership membership) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    if (!membership.tenantId().equals(tenant)) {
      throw new IllegalStateException("row-level security: a membership of another tenant");
    }
    if (!data.tenants.containsKey(tenant) || !data.users.containsKey(membership.userId())) {
      throw new NotFound("foreign key: no such tenant or user");
    }
    InMemoryStore.MemberKey key = new InMemoryStore.MemberKey(tenant, membership.userId());
    if (data.memberships.containsKey(key)) {
      throw new Conflict("the user is a member already");
    }
    data.memberships.put(key, membership);
  }

  @Override
  public void insertAll(Collection<Membership> memberships) {
    for (Membership membership : memberships) {
      insert(membership);
    }
  }

  @Override
  public boolean delete(UserId userId) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    boolean existed = data.memberships.remove(new InMemoryStore.MemberKey(tenant, userId)) != null;
    data.assignments
        .keySet()
        .removeIf(k -> k.tenantId().equals(tenant) && k.userId().equals(userId));
    data.scopedAssignments
        .keySet()
        .removeIf(k -> k.tenantId().equals(tenant) && k.userId().equals(userId));
    data.organizationMembers.removeIf(
        k -> k.tenantId().equals(tenant) && k.userId().equals(userId));
    return existed;
  }

  @Override
  public long count() {
    TenantId tenant = store.tenant();
    return store.read().memberships.keySet().stream()
        .filter(k -> k.tenantId().equals(tenant))
        .count();
  }

  @Override
  public List<Membership> page(Optional<UserId> after, int limit) {
    TenantId tenant = store.tenant();
    return store.read().memberships.values().stream()
        .filter(m -> m.tenantId().equals(tenant))
        .filter(m -> after.map(a -> USER_ID_ORDER.compare(m.userId(), a) > 0).orElse(true))
        .sorted(Comparator.comparing(Membership::userId, USER_ID_ORDER))
        .limit(limit)
        .toList();
  }
}
