package io.warden.application.port.driven;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tenants. Writes run {@link Transactions#acrossTenants} (tenants are not tenant-owned rows). Every
 * change is targeted (only its own column, one statement), so a rename racing a deactivation never
 * re-activates the tenant.
 */
public interface TenantRepository {

  /** {@link io.warden.application.port.driving.Conflict} on a duplicate slug. */
  void insert(Tenant tenant);

  /** Sets the name; whether it changed (false too for no such tenant). */
  boolean rename(TenantId id, String name);

  /** Activates or deactivates; whether it changed (false too for no such tenant). */
  boolean setActive(TenantId id, boolean active);

  Optional<Tenant> findById(TenantId id);

  /** Active tenants where the user has an active membership, ordered by name. */
  List<Tenant> activeTenantsOf(UserId userId);

  List<Tenant> findAll();

  /**
   * Up to {@code limit} tenants ordered by id (as text), after {@code after} when given, whose slug
   * or lower-cased name starts with {@code prefix} (lower-case already) when given. This default
   * filters {@link #findAll}; the database answers with one indexed statement.
   */
  default List<Tenant> page(Optional<String> prefix, Optional<TenantId> after, int limit) {
    return findAll().stream()
        .filter(
            t ->
                prefix.isEmpty()
                    || t.slug().startsWith(prefix.get())
                    || t.name().toLowerCase(Locale.ROOT).startsWith(prefix.get()))
        .filter(t -> after.isEmpty() || t.id().toString().compareTo(after.get().toString()) > 0)
        .sorted(Comparator.comparing(t -> t.id().toString()))
        .limit(limit)
        .toList();
  }
}
