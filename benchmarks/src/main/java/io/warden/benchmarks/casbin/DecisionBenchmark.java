package io.warden.benchmarks.casbin;

import io.warden.adapter.driven.infinispan.CachedTokenCodec;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.adapter.driven.security.SigningKeys;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.benchmarks.InMemoryEffectivePermissions;
import io.warden.benchmarks.InMemorySigningKeyRepository;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.CachedEnforcer;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One permission decision: Warden's warm L1 check against jCasbin's {@code Enforcer}, {@code
 * SyncedEnforcer} and {@code CachedEnforcer}, all loaded with the same {@link RbacPolicy} (10
 * tenants, 10,000 users, 100 roles per tenant, 200 permissions), once per variant of the roles'
 * grants ({@code -p grants=exact,wildcard}, see {@link RbacPolicy.Grants}).
 *
 * <ul>
 *   <li>{@code wardenL1Check}: the user's permission set from the real L1 adapter ({@link
 *       InfinispanPermissionCache}, every user warm) and {@code PermissionSet.allows} — what {@code
 *       POST /api/authz/check} decides with once the caller is known.
 *   <li>{@code wardenWarmCheckWithToken}: the same after verifying the caller's bearer token
 *       through the warm token cache, the whole in-process part of an HTTP check bar the session
 *       state, HTTP and JSON.
 *   <li>{@code casbin*}: {@code enforce(user, tenant, object, action)}. The cached enforcer answers
 *       repeated questions from its cache; the probes repeat every {@value #PROBES} invocations, so
 *       it is measured warm, as Warden is.
 * </ul>
 *
 * <p>With {@code grants=wildcard} every role grants a folder wildcard ({@code folder_3.*}), a
 * document wildcard ({@code folder_8.doc_80:*}) and eighteen exact names. Warden loads them as
 * granted and decides with {@code PermissionSet.allows}, which honours wildcards; jCasbin gets the
 * same rules as {@code (/folder_3/*, *)} and {@code (/folder_8/doc_80, *)} under a matcher that
 * compares objects with {@code keyMatch} ({@link RbacPolicy#CASBIN_WILDCARD_MODEL}).
 *
 * <p>Every invocation asks the next of {@value #PROBES} probes, half allowed and half denied. Each
 * engine has a state of its own (only the one measured is built), whose setup checks the engine's
 * answer to every probe against the truth before anything is measured; with wildcard grants, some
 * of the allowed probes are allowed only through a wildcard, so an engine that ignored wildcards
 * would fail that check.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
  static final int PROBES = 1024;
  private static final long SEED = 42;

  /** Where a thread is in the probe list. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    int nextProbe() {
      int i = next;
      next = (i + 1) & (PROBES - 1);
      return i;
    }
  }

  /** Warden: the real L1 adapter over the policy's permission sets, and a warm token cache. */
  @State(Scope.Benchmark)
  public static class WardenState {
    /** The variant of the roles' grants: {@code exact} or {@code wildcard}. */
    @Param({"exact", "wildcard"})
    public String grants;

    private RbacPolicy.Probe[] probes;
    private final TenantId[] tenants = new TenantId[RbacPolicy.TENANTS];
    private final UserId[] users = new UserId[RbacPolicy.USERS];
    private final String[] names = new String[PROBES];
    private final String[] tokens = new String[PROBES];
    private InMemoryEffectivePermissions database;
    private InfinispanPermissionCache l1;
    private CachedTokenCodec tokenCache;
    private Instant now;

    @Setup(Level.Trial)
    public void setUp() {
      RbacPolicy.Grants variant = RbacPolicy.Grants.of(grants);
      probes = RbacPolicy.probes(variant, PROBES, SEED);
      Clock clock = Clock.systemUTC();
      database = new InMemoryEffectivePermissions();
      for (int t = 0; t < tenants.length; t++) {
        tenants[t] = TenantId.random();
      }
      for (int u = 0; u < users.length; u++) {
        users[u] = UserId.random();
        PermissionSet granted = PermissionSet.of(RbacPolicy.wardenPermissionsOf(variant, u));
        if (granted.hasWildcards() != (variant == RbacPolicy.Grants.WILDCARD)) {
          throw new IllegalStateException("user " + u + " holds " + granted);
        }
        database.put(tenants[RbacPolicy.tenantOf(u)], users[u], granted);
      }
      l1 =
          new InfinispanPermissionCache(
              database, InvalidationFeed.ALWAYS_LIVE, clock, L1Limits.defaults());
      for (int u = 0; u < users.length; u++) {
        l1.of(tenants[RbacPolicy.tenantOf(u)], users[u]);
      }
      Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      now = issuedAt.plusSeconds(1);
      JwtTokenCodec jwt =
          new JwtTokenCodec(
              SigningKeys.loadOrCreate(new InMemorySigningKeyRepository(), clock), "warden-bench");
      tokenCache = new CachedTokenCodec(jwt, CachedTokenCodec.Config.defaults());
      for (int i = 0; i < PROBES; i++) {
        RbacPolicy.Probe probe = probes[i];
        // A copy: equality then compares characters, as for a name parsed from a request.
        names[i] = new String(RbacPolicy.wardenName(probe.permission()).toCharArray());
        tokens[i] =
            jwt.issue(
                new AccessClaims(
                    users[probe.user()],
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    issuedAt,
                    issuedAt.plus(Duration.ofHours(1)),
                    Optional.of(tenants[RbacPolicy.tenantOf(probe.user())])));
      }
      long databaseCalls = database.calls();
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < PROBES; i++) {
          requireTruth(probes, i, l1Check(i), "Warden L1");
          requireTruth(probes, i, checkWithToken(i), "Warden with token");
        }
      }
      if (database.calls() != databaseCalls) {
        throw new IllegalStateException("a warm Warden check reached the tier behind L1");
      }
    }

    boolean l1Check(int i) {
      int user = probes[i].user();
      return l1.of(tenants[RbacPolicy.tenantOf(user)], users[user]).permissions().allows(names[i]);
    }

    boolean checkWithToken(int i) {
      AccessClaims claims = tokenCache.verify(tokens[i], now).orElseThrow();
      return l1.of(claims.tenantId().orElseThrow(), claims.subject())
          .permissions()
          .allows(names[i]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      tokenCache.close();
      l1.close();
    }
  }

  /** A jCasbin engine of one kind, loaded with the policy. */
  @State(Scope.Benchmark)
  public abstract static class CasbinState {
    /** The variant of the roles' grants: {@code exact} or {@code wildcard}. */
    @Param({"exact", "wildcard"})
    public String grants;

    final Object[][] requests = new Object[PROBES][];
    Enforcer engine;

    abstract Enforcer create(Model model);

    @Setup(Level.Trial)
    public void setUp() {
      RbacPolicy.Grants variant = RbacPolicy.Grants.of(grants);
      RbacPolicy.Probe[] probes = RbacPolicy.probes(variant, PROBES, SEED);
      engine = create(Model.newModelFromString(variant.casbinModel()));
      engine.addPolicies(RbacPolicy.casbinPolicies(variant));
      engine.addGroupingPolicies(RbacPolicy.casbinGroupings());
      for (int i = 0; i < PROBES; i++) {
        RbacPolicy.Probe probe = probes[i];
        requests[i] =
            new Object[] {
              RbacPolicy.subject(probe.user()),
              RbacPolicy.domain(RbacPolicy.tenantOf(probe.user())),
              RbacPolicy.object(probe.permission()),
              RbacPolicy.action(probe.permission())
            };
        requireTruth(probes, i, engine.enforce(requests[i]), engine.getClass().getSimpleName());
      }
    }
  }

  /** The plain {@link Enforcer}. */
  @State(Scope.Benchmark)
  public static class EnforcerState extends CasbinState {
    @Override
    Enforcer create(Model model) {
      return new Enforcer(model);
    }
  }

  /** {@link SyncedEnforcer}: the plain one behind a read-write lock. */
  @State(Scope.Benchmark)
  public static class SyncedEnforcerState extends CasbinState {
    @Override
    Enforcer create(Model model) {
      return new SyncedEnforcer(model);
    }
  }

  /** {@link CachedEnforcer}: answers cached per request. */
  @State(Scope.Benchmark)
  public static class CachedEnforcerState extends CasbinState {
    @Override
    Enforcer create(Model model) {
      return new CachedEnforcer(model);
    }
  }

  static void requireTruth(RbacPolicy.Probe[] probes, int probe, boolean actual, String engine) {
    if (probes[probe].expected() != actual) {
      throw new IllegalStateException(engine + " answered " + actual + " to probe " + probe);
    }
  }

  @Benchmark
  public boolean wardenL1Check(WardenState warden, Cursor cursor) {
    return warden.l1Check(cursor.nextProbe());
  }

  @Benchmark
  public boolean wardenWarmCheckWithToken(WardenState warden, Cursor cursor) {
    return warden.checkWithToken(cursor.nextProbe());
  }

  @Benchmark
  public boolean casbinEnforcer(EnforcerState casbin, Cursor cursor) {
    return casbin.engine.enforce(casbin.requests[cursor.nextProbe()]);
  }

  @Benchmark
  public boolean casbinSyncedEnforcer(SyncedEnforcerState casbin, Cursor cursor) {
    return casbin.engine.enforce(casbin.requests[cursor.nextProbe()]);
  }

  @Benchmark
  public boolean casbinCachedEnforcer(CachedEnforcerState casbin, Cursor cursor) {
    return casbin.engine.enforce(casbin.requests[cursor.nextProbe()]);
  }
}
