package io.warden.application.service;

import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.ProvisioningUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Start-up provisioning: the first system administrator, and demo data for trials and load. */
public final class ProvisioningService implements ProvisioningUseCase {
  /** Rows per bulk insert: large enough to amortise round trips, small enough for one statement. */
  static final int BATCH_SIZE = 1_000;

  static final String DEMO_EMAIL_DOMAIN = "demo.warden.local";
  static final String VIEWER_ROLE = "viewer";
  static final String EDITOR_ROLE = "editor";

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final MembershipRepository memberships;
  private final RoleRepository roles;
  private final PasswordHasher passwordHasher;
  private final Clock clock;

  ProvisioningService(
      ChangeTransactions changes,
      UserRepository users,
      TenantRepository tenants,
      MembershipRepository memberships,
      RoleRepository roles,
      PasswordHasher passwordHasher,
      Clock clock) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.users = users;
    this.tenants = tenants;
    this.memberships = memberships;
    this.roles = roles;
    this.passwordHasher = passwordHasher;
    this.clock = clock;
  }

  @Override
  public void ensureSystemAdmin(String email, String password, String displayName) {
    Email address = new Email(email);
    User.validatePassword(password);
    User.validateDisplayName(displayName);
    if (transactions.acrossTenants(() -> users.findByEmail(address)).isPresent()) {
      return;
    }
    User admin =
        User.create(address, displayName, passwordHasher.hash(password), true, clock.instant());
    try {
      changes.runAcrossTenants(c -> NewUser.insert(users, c, Optional.empty(), admin));
    } catch (Conflict e) {
      // Another instance starting at the same moment created it: the goal is reached.
    }
  }

  /**
   * Seeds {@code demo-1..demo-N}, skipping the slugs that exist; each tenant commits as one
   * transaction, so a tenant is either fully seeded or absent.
   *
   * <p>The password is hashed ONCE and every demo user shares the hash: a password hash is
   * deliberately slow (tens of milliseconds), so hashing per user would make 100,000 demo users
   * take about an hour instead of seconds. Demo accounts share one known password anyway; the
   * shared hash (and salt) gives away nothing more.
   */
  @Override
  public DemoSeed seedDemo(int tenantCount, int usersPerTenant, String password) {
    InvalidValueException.require(tenantCount >= 0, "tenants", "must not be negative");
    InvalidValueException.require(usersPerTenant >= 0, "users", "must not be negative");
    User.validatePassword(password);
    Set<String> existing =
        transactions.acrossTenants(
            () -> tenants.findAll().stream().map(Tenant::slug).collect(Collectors.toSet()));
    Supplier<String> sharedHash = memoize(() -> passwordHasher.hash(password));
    int tenantsCreated = 0;
    int usersCreated = 0;
    for (int t = 1; t <= tenantCount; t++) {
      String slug = "demo-" + t;
      if (existing.contains(slug)) {
        continue;
      }
      seedTenant(t, NewTenant.create(slug, "Demo tenant " + t), usersPerTenant, sharedHash.get());
      tenantsCreated++;
      usersCreated += usersPerTenant;
    }
    return new DemoSeed(tenantsCreated, usersCreated);
  }

  private void seedTenant(int number, NewTenant created, int userCount, String passwordHash) {
    Instant now = clock.instant();
    Tenant tenant = created.tenant();
    Role admin = created.admin();
    Role viewer =
        Role.create(
            tenant.id(),
            VIEWER_ROLE,
            "Sees members and roles",
            Set.of(BuiltInPermissions.USERS_VIEW, BuiltInPermissions.ROLES_VIEW));
    Role editor =
        Role.create(
            tenant.id(),
            EDITOR_ROLE,
            "Edits and assigns roles, checks permissions of others",
            Set.of(
                BuiltInPermissions.USERS_VIEW,
                BuiltInPermissions.ROLES_VIEW,
                BuiltInPermissions.ROLES_EDIT,
                BuiltInPermissions.ROLES_ASSIGN,
                BuiltInPermissions.AUTHZ_CHECK));
    changes.runInTenant(
        tenant.id(),
        c -> {
          created.insert(tenants, roles);
          roles.insert(viewer);
          roles.insert(editor);
          for (int from = 1; from <= userCount; from += BATCH_SIZE) {
            int to = Math.min(userCount, from + BATCH_SIZE - 1);
            insertBatch(number, tenant, from, to, passwordHash, now, admin, viewer, editor);
          }
          // One event for the tenant: its users are new, so no cache can hold anything about
          // them, and a notify per user would flood every instance for nothing.
          c.record(new RbacEvent.TenantCreated(tenant.id()));
          c.audit(
              Audit.bySystem("tenant.seed_demo")
                  .target("tenantId", tenant.id())
                  .detail("slug", tenant.slug())
                  .detail("users", userCount));
        });
  }

  private void insertBatch(
      int tenantNumber,
      Tenant tenant,
      int from,
      int to,
      String passwordHash,
      Instant now,
      Role admin,
      Role viewer,
      Role editor) {
    int size = to - from + 1;
    List<User> batch = new ArrayList<>(size);
    List<Membership> members = new ArrayList<>(size);
    List<RoleAssignment> assignments = new ArrayList<>(size + size / 10 + 1);
    for (int n = from; n <= to; n++) {
      User user =
          User.create(
              new Email("demo-" + tenantNumber + "-" + n + "@" + DEMO_EMAIL_DOMAIN),
              "Demo User " + tenantNumber + "-" + n,
              passwordHash,
              false,
              now);
      batch.add(user);
      members.add(new Membership(tenant.id(), user.id(), true));
      assignments.add(assignment(tenant, user, viewer));
      if (n % 10 == 0) {
        assignments.add(assignment(tenant, user, editor));
      }
      if (n == 1) {
        assignments.add(assignment(tenant, user, admin));
      }
    }
    users.insertAll(batch);
    memberships.insertAll(members);
    roles.assignAll(assignments);
  }

  private static RoleAssignment assignment(Tenant tenant, User user, Role role) {
    return new RoleAssignment(tenant.id(), user.id(), role.id(), Optional.empty());
  }

  private static Supplier<String> memoize(Supplier<String> supplier) {
    return new Supplier<>() {
      private @Nullable String value;

      @Override
      public String get() {
        String known = value;
        if (known == null) {
          known = supplier.get();
          value = known;
        }
        return known;
      }
    };
  }
}
