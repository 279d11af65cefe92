package io.warden.application.fake;

import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tenants in an {@link InMemoryStore}. Readable in any transaction; writable across tenants or
 * inside the tenant's own {@code inTenant}, never from inside another tenant.
 */
public final class InMemoryTenantRepository implements TenantRepository {
  private static final Comparator<Tenant> BY_NAME =
      Comparator.comparing(Tenant::name).thenComparing(Tenant::slug);

  private final InMemoryStore store;

  public InMemoryTenantRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void insert(Tenant tenant) {
    InMemoryStore.Data data = writable(tenant.id());
    if (data.tenants.containsKey(tenant.id())) {
      throw new Conflict("a tenant with this id exists");
    }
    if (data.tenants.values().stream().anyMatch(t -> t.slug().equals(tenant.slug()))) {
      throw new Conflict("a tenant with this slug exists");
    }
    data.tenants.put(tenant.id(), tenant);
  }

  @Override
  public boolean rename(TenantId id, String name) {
    return change(id, tenant -> tenant.rename(name));
  }

  @Override
  public boolean setActive(TenantId id, boolean active) {
    return change(id, tenant -> tenant.withActive(active));
  }

  private boolean change(TenantId id, UnaryOperator<Tenant> change) {
    return InMemoryStore.changeRow(writable(id).tenants, id, change);
  }

  @Override
  public Optional<Tenant> findById(TenantId id) {
    return Optional.ofNullable(store.read().tenants.get(id));
  }

  @Override
  public List<Tenant> activeTenantsOf(UserId userId) {
    InMemoryStore.Data data = store.read();
    return data.tenants.values().stream()
        .filter(Tenant::active)
        .filter(
            t -> {
              Membership m = data.memberships.get(new InMemoryStore.MemberKey(t.id(), userId));
              return m != null && m.active();
            })
        .sorted(BY_NAME)
        .toList();
  }

  @Override
  public List<Tenant> findAll() {
    return store.read().tenants.values().stream().sorted(BY_NAME).toList();
  }

  private InMemoryStore.Data writable(TenantId id) {
    InMemoryStore.Data data = store.write();
    Optional<TenantId> scope = store.requireContext().tenant();
    if (scope.isPresent() && !scope.get().equals(id)) {
      throw new IllegalStateException("a tenant can be written only across tenants or by itself");
    }
    return data;
  }
}
