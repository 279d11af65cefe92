package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * What every storage contract stands on: the {@link Storage} under test, its transactions ({@link
 * InTransactions}) and helpers that write the data a test needs through the ports themselves, each
 * in a transaction of its own.
 *
 * <p>A subclass may hand every test the same storage (one database for the whole run): each test
 * makes its own tenants, users, permissions and roles with fresh names, so tests never see each
 * other's data except through cross-tenant listings, which the contracts read accordingly. The
 * tests are public so that subclasses in any package inherit them.
 */
public abstract class StorageContract implements InTransactions {
  /** The instant the tests' data is stamped with; no repository reads a clock. */
  protected static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  /** The storage under test; may be the same for every test of a class, or of a whole run. */
  protected abstract Storage storage();

  @Override
  public Transactions transactions() {
    return storage().transactions();
  }

  /** What {@code work} throws in a transaction of {@code tenant}, to assert on. */
  protected AbstractThrowableAssert<?, ? extends Throwable> assertThatThrownInTenant(
      TenantId tenant, Runnable work) {
    return assertThatThrownBy(() -> inTenantDo(tenant, work));
  }

  /** A fresh text for names that must be unique across the run. */
  protected static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  protected Tenant newTenantRow() {
    Tenant tenant = Tenant.create("t-" + unique(), "Tenant " + unique());
    acrossDo(() -> storage().tenants().insert(tenant));
    return tenant;
  }

  protected TenantId newTenant() {
    return newTenantRow().id();
  }

  protected User someone() {
    return User.create(new Email("u-" + unique() + "@example.com"), "Some One", "hash", false, NOW);
  }

  protected User newUserRow() {
    User user = someone();
    acrossDo(() -> storage().users().insert(user));
    return user;
  }

  protected UserId newUser() {
    return newUserRow().id();
  }

  protected void addMember(TenantId tenant, UserId user, boolean active) {
    inTenantDo(tenant, () -> storage().memberships().insert(new Membership(tenant, user, active)));
  }

  protected UserId newMember(TenantId tenant) {
    UserId user = newUser();
    addMember(tenant, user, true);
    return user;
  }

  /** A newly defined permission {@code prefix.<unique>}. */
  protected PermissionName newPermission(String prefix) {
    PermissionName name = new PermissionName(prefix + ".p" + unique());
    acrossDo(() -> storage().permissions().insert(new Permission(name, "test " + name.value())));
    return name;
  }

  /** A new role of the tenant named {@code name}, granting {@code permissions} new permissions. */
  protected Role newRole(TenantId tenant, String name, int permissions) {
    Set<PermissionName> names = new TreeSet<>();
    for (int i = 0; i < permissions; i++) {
      names.add(newPermission(name.replaceAll("[^a-z0-9_]", "_")));
    }
    Role role = Role.create(tenant, name, "the " + name + " role", names);
    inTenantDo(tenant, () -> storage().roles().insert(role));
    return role;
  }

  protected void assign(TenantId tenant, UserId user, Role role, Optional<Instant> expiresAt) {
    inTenantDo(
        tenant,
        () -> storage().roles().assign(new RoleAssignment(tenant, user, role.id(), expiresAt)));
  }
}
