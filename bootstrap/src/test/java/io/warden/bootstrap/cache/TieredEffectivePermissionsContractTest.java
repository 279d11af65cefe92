package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.contract.EffectivePermissionsContract;
import io.warden.bootstrap.testing.Poll;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link EffectivePermissionsContract} holds, with the same assertions, for PostgreSQL alone,
 * for the Redis L2 over it and for the Infinispan L1 over both: each stack is built from the real
 * adapters on a fresh database and a Redis namespace of its own, wired as {@code Warden} wires
 * them. Every change goes through the real repositories and the change journal in one transaction,
 * then evicts its event's scope from the shared tier first and the local one second, as the
 * services do; the {@code LISTEN} listener delivers the same messages again, as in production.
 */
class TieredEffectivePermissionsContractTest {

  @Nested
  class DatabaseAlone extends Stack {
    DatabaseAlone() {
      super(false, false);
    }
  }

  @Nested
  class RedisOverDatabase extends Stack {
    RedisOverDatabase() {
      super(true, false);
    }

    @Test
    void a_repeated_read_is_answered_by_redis() {
      TenantId tenant = newTenant();
      UserId user = newUser();
      addMember(tenant, user, true);
      // The membership's message, coming back through the listener, deletes the pair's entry.
      awaitDelivered();
      long hits = l2.hits();

      permissions().of(tenant, user);
      permissions().of(tenant, user);

      assertThat(l2.hits()).isEqualTo(hits + 1);
    }
  }

  @Nested
  class InfinispanOverRedisOverDatabase extends Stack {
    InfinispanOverRedisOverDatabase() {
      super(true, true);
    }

    @Test
    void a_repeated_read_is_answered_by_infinispan_and_a_cold_one_by_redis() {
      TenantId tenant = newTenant();
      UserId user = newUser();
      addMember(tenant, user, true);
      // The changes' messages come back through the listener and evict again; a load overtaken
      // by one of them is rightly not kept. Let them land first.
      awaitDelivered();
      long l1Hits = l1.stats().hits();
      long l2Hits = l2.hits();

      permissions().of(tenant, user);
      permissions().of(tenant, user);
      assertThat(l1.stats().hits()).isEqualTo(l1Hits + 1);

      // Another process's L1 would be cold: so is this one after a local eviction of the key.
      l1.invalidate(new InvalidationScope.UserInTenant(tenant, user), 0);
      permissions().of(tenant, user);
      assertThat(l2.hits()).isEqualTo(l2Hits + 1);
    }
  }

  /** One stack of tiers over its own database, shared by the tests of the class. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Stack extends EffectivePermissionsContract {
    private final boolean withRedis;
    private final boolean withInfinispan;
    private final MutableClock clock = MutableClock.standingStill();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private PostgresPersistence persistence;
    private EffectivePermissions outermost;

    /** Eviction order: the shared tier first, so a local miss cannot refill from it. */
    private final List<CacheInvalidation> sharedFirst = new ArrayList<>();

    private final AtomicLong lastJournaled = new AtomicLong();
    private final AtomicLong lastDelivered = new AtomicLong();
    PostgresInvalidationListener listener;
    RedisPermissionCache l2;
    InfinispanPermissionCache l1;

    Stack(boolean withRedis, boolean withInfinispan) {
      this.withRedis = withRedis;
      this.withInfinispan = withInfinispan;
    }

    @BeforeAll
    void startTiers() {
      TestPostgres.Database database = TestPostgres.freshDatabase();
      persistence =
          PostgresPersistence.start(
              database.jdbcUrl(), database.user(), database.password(), 4, clock);
      resources.push(persistence);
      listener = PostgresInvalidationListener.create(persistence, Duration.ofSeconds(1));
      outermost = persistence.effectivePermissions();
      if (withRedis) {
        // A generous timeout: this stack must really be answered by Redis, not fall back.
        RedisL2 redis =
            RedisL2.connect(
                RedisL2Settings.defaults(TestRedis.uri())
                    .withCommandTimeout(Duration.ofSeconds(2)));
        resources.push(redis);
        l2 =
            new RedisPermissionCache(
                outermost,
                persistence.cacheEpochs(),
                clock,
                redis,
                new RedisPermissionCache.Options(TestRedis.uniquePrefix(), Duration.ofMinutes(10)));
        outermost = l2;
        sharedFirst.add(l2);
      }
      if (withInfinispan) {
        l1 = new InfinispanPermissionCache(outermost, listener, clock, L1Limits.defaults());
        resources.push(l1);
        outermost = l1;
        sharedFirst.add(l1);
      }
      RedisPermissionCache shared = l2;
      InfinispanPermissionCache local = l1;
      resources.push(listener);
      listener.start(
          (scope, version) -> {
            evict(scope, version);
            lastDelivered.accumulateAndGet(version, Math::max);
          },
          version -> {
            if (shared != null) {
              shared.refreshEpoch();
            }
            if (local != null) {
              local.invalidate(new InvalidationScope.Everything(), version);
            }
          });
      assertThat(listener.awaitFirstConnection(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    void stopTiers() throws Exception {
      while (!resources.isEmpty()) {
        resources.pop().close();
      }
    }

    /** Waits until the listener has handed every change journaled so far to the tiers. */
    void awaitDelivered() {
      long journaled = lastJournaled.get();
      Poll.until(
          Duration.ofSeconds(30),
          "the listener delivered the message of version " + journaled,
          () -> lastDelivered.get() >= journaled);
    }

    @Override
    protected EffectivePermissions permissions() {
      return outermost;
    }

    @Override
    protected TenantId newTenant() {
      Tenant tenant = Tenant.create("t-" + Operator.unique(), "Contract tenant");
      across(
          () -> {
            persistence.tenants().insert(tenant);
            return new RbacEvent.TenantCreated(tenant.id());
          });
      return tenant.id();
    }

    @Override
    protected UserId newUser() {
      User user =
          User.create(
              new Email("contract-" + Operator.unique() + "@cache.test"),
              "Contract User",
              "not-a-password-hash",
              false,
              clock.instant());
      across(
          () -> {
            persistence.users().insert(user);
            return new RbacEvent.UserCreated(user.id());
          });
      return user.id();
    }

    @Override
    protected void addMember(TenantId tenant, UserId user, boolean active) {
      inTenant(
          tenant,
          () -> {
            persistence.memberships().insert(new Membership(tenant, user, active));
            return new RbacEvent.MemberAdded(tenant, user);
          });
    }

    @Override
    protected void removeMember(TenantId tenant, UserId user) {
      inTenant(
          tenant,
          () -> {
            persistence.memberships().delete(user);
            return new RbacEvent.MemberRemoved(tenant, user);
          });
    }

    @Override
    protected RoleId newRole(TenantId tenant, Set<String> permissions) {
      Role role =
          Role.create(tenant, "role-" + Operator.unique(), "contract role", define(permissions));
      inTenant(
          tenant,
          () -> {
            persistence.roles().insert(role);
            return new RbacEvent.RoleCreated(tenant, role.id());
          });
      return role.id();
    }

    @Override
    protected void setRolePermissions(TenantId tenant, RoleId role, Set<String> permissions) {
      Set<PermissionName> names = define(permissions);
      inTenant(
          tenant,
          () -> {
            Role current = persistence.roles().findById(role).orElseThrow();
            persistence.roles().update(current.withPermissions(names));
            return new RbacEvent.RoleChanged(tenant, role);
          });
    }

    @Override
    protected void deleteRole(TenantId tenant, RoleId role) {
      inTenant(
          tenant,
          () -> {
            persistence.roles().delete(role);
            return new RbacEvent.RoleDeleted(tenant, role);
          });
    }

    @Override
    protected void assign(TenantId tenant, UserId user, RoleId role, Optional<Instant> expiresAt) {
      inTenant(
          tenant,
          () -> {
            persistence.roles().assign(new RoleAssignment(tenant, user, role, expiresAt));
            return new RbacEvent.RoleAssigned(tenant, user, role);
          });
    }

    @Override
    protected void unassign(TenantId tenant, UserId user, RoleId role) {
      inTenant(
          tenant,
          () -> {
            persistence.roles().unassign(role, user);
            return new RbacEvent.RoleUnassigned(tenant, user, role);
          });
    }

    @Override
    protected OrganizationId newOrganization(TenantId tenant) {
      OrganizationId id = OrganizationId.random();
      inTenant(
          tenant,
          () -> {
            persistence
                .organizations()
                .insert(new Organization(id, tenant, "org-" + id, Optional.empty()));
            return new RbacEvent.OrganizationTreeChanged(tenant, id);
          });
      return id;
    }

    @Override
    protected void assignIn(
        TenantId tenant,
        UserId user,
        RoleId role,
        OrganizationId organization,
        Optional<Instant> expiresAt) {
      inTenant(
          tenant,
          () -> {
            persistence
                .roles()
                .assign(
                    new RoleAssignment(tenant, user, role, expiresAt, Optional.of(organization)));
            return new RbacEvent.RoleAssigned(tenant, user, role);
          });
    }

    @Override
    protected void unassignIn(
        TenantId tenant, UserId user, RoleId role, OrganizationId organization) {
      inTenant(
          tenant,
          () -> {
            persistence.roles().unassign(role, user, organization);
            return new RbacEvent.RoleUnassigned(tenant, user, role);
          });
    }

    @Override
    protected MutableClock clock() {
      return clock;
    }

    /** Defines the permissions not defined yet, each journaled as the administration does. */
    private Set<PermissionName> define(Set<String> permissions) {
      Set<PermissionName> names =
          permissions.stream().map(PermissionName::new).collect(Collectors.toSet());
      for (PermissionName name : names) {
        across(
            () -> {
              if (persistence.permissions().find(name).isPresent()) {
                return null;
              }
              persistence.permissions().insert(new Permission(name, "contract permission"));
              return new RbacEvent.PermissionCreated(name);
            });
      }
      return names;
    }

    /** Commits {@code change} with its journal entry, then evicts its scope (if it made one). */
    private void inTenant(TenantId tenant, Supplier<RbacEvent> change) {
      evictAfterCommit(persistence.transactions().inTenant(tenant, () -> journaled(change.get())));
    }

    private void across(Supplier<RbacEvent> change) {
      evictAfterCommit(persistence.transactions().acrossTenants(() -> journaled(change.get())));
    }

    private Journaled journaled(RbacEvent event) {
      if (event == null) {
        return null;
      }
      long version = persistence.changeJournal().record(event);
      lastJournaled.accumulateAndGet(version, Math::max);
      return new Journaled(event.scope(), version);
    }

    private void evictAfterCommit(Journaled journaled) {
      if (journaled != null) {
        evict(journaled.scope(), journaled.version());
      }
    }

    private void evict(InvalidationScope scope, long version) {
      for (CacheInvalidation tier : sharedFirst) {
        tier.invalidate(scope, version);
      }
    }

    private record Journaled(InvalidationScope scope, long version) {}
  }
}
