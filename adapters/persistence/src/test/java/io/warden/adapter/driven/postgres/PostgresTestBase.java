package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.contract.InTransactions;
import io.warden.domain.event.RbacEvent;
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
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One migrated database and one started adapter per test class, with a clock the tests move, a
 * statement counter on the pool, its transactions ({@link InTransactions}) and helpers that build
 * RBAC data through the ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostgresTestBase implements InTransactions {
  protected static final Instant START = MutableClock.standingStill().instant();
  protected final MutableClock clock = new MutableClock(START);
  protected final StatementCounter statements = new StatementCounter();
  protected TestPostgres.Database database;
  protected PostgresPersistence db;

  @BeforeAll
  void startDatabase() {
    database = newDatabase();
    db =
        PostgresPersistence.start(
            new PostgresSettings(
                database.jdbcUrl(), database.user(), database.password(), poolSize()),
            clock,
            statements);
  }

  @AfterAll
  void stopDatabase() {
    if (db != null) {
      db.close();
    }
  }

  /** Tests that move the clock leave it where every test expects it. */
  @AfterEach
  void resetClock() {
    clock.set(START);
  }

  protected int poolSize() {
    return 4;
  }

  /** The database the adapter starts on: by default a fresh one, migrated by a superuser. */
  protected TestPostgres.Database newDatabase() {
    return TestPostgres.freshDatabase();
  }

  @Override
  public Transactions transactions() {
    return db.transactions();
  }

  /** {@code read} in a read-only transaction of {@code tenant}: it must take one SQL statement. */
  protected <T> T readInOneStatement(TenantId tenant, Supplier<T> read) {
    return db.transactions()
        .readInTenant(
            tenant,
            () -> {
              statements.reset();
              T result = read.get();
              assertThat(statements.count()).as("statements").isEqualTo(1);
              return result;
            });
  }

  /**
   * A change in {@code tenant} that journals an event and then fails, so its transaction rolls back
   * with the journaled version in it.
   */
  protected void changeThatFailsAfterJournaling(TenantId tenant) {
    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant,
                    () -> {
                      db.changeJournal().record(new RbacEvent.TenantChanged(tenant));
                      throw new IllegalStateException("the change fails after journaling");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the change fails after journaling");
  }

  protected TenantId newTenant() {
    Tenant tenant =
        Tenant.create(
            "t-" + UUID.randomUUID().toString().substring(0, 8), "Tenant " + UUID.randomUUID());
    acrossDo(() -> db.tenants().insert(tenant));
    return tenant.id();
  }

  protected UserId newUser() {
    return newUser(false);
  }

  protected UserId newUser(boolean systemAdmin) {
    User user =
        User.create(
            new Email(UUID.randomUUID() + "@example.com"),
            "Someone",
            "hash",
            systemAdmin,
            clock.instant());
    acrossDo(() -> db.users().insert(user));
    return user.id();
  }

  protected void addMember(TenantId tenant, UserId user) {
    inTenantDo(tenant, () -> db.memberships().insert(new Membership(tenant, user, true)));
  }

  protected UserId newMember(TenantId tenant) {
    UserId user = newUser();
    addMember(tenant, user);
    return user;
  }

  /** A new member of {@code tenant} holding {@code role} with no expiry. */
  protected UserId newMemberHolding(TenantId tenant, Role role) {
    UserId user = newMember(tenant);
    assign(tenant, user, role, Optional.empty());
    return user;
  }

  protected PermissionName definePermission(String name) {
    PermissionName permission = new PermissionName(name);
    acrossDo(
        () -> db.permissions().insertMissing(Set.of(new Permission(permission, "test " + name))));
    return permission;
  }

  protected Role newRole(TenantId tenant, String... permissions) {
    Set<PermissionName> names =
        Arrays.stream(permissions).map(this::definePermission).collect(Collectors.toSet());
    Role role = Role.create(tenant, "role-" + UUID.randomUUID(), "a test role", names);
    inTenantDo(tenant, () -> db.roles().insert(role));
    return role;
  }

  protected void assign(TenantId tenant, UserId user, Role role, Optional<Instant> expiresAt) {
    inTenantDo(
        tenant, () -> db.roles().assign(new RoleAssignment(tenant, user, role.id(), expiresAt)));
  }

  /** One number from the database as the superuser sees it (row-level security does not apply). */
  protected long adminCount(String sql) {
    return database.adminNumber(sql);
  }

  protected void adminExecute(String sql) {
    database.adminExecute(sql);
  }
}
