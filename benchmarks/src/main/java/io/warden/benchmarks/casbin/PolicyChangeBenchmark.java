package io.warden.benchmarks.casbin;

import io.warden.benchmarks.http.WardenApi;
import java.util.List;
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

/**
 * The cost of applying one role revocation until the next decision denies: Warden against jCasbin,
 * on the same {@link RbacPolicy}.
 *
 * <ul>
 *   <li>{@code warden}: {@code DELETE /api/roles/{role}/users/{user}} on a started Warden (the real
 *       adapters: the change and its invalidation message commit in one PostgreSQL transaction, L2
 *       and L1 are evicted before the answer), then {@code POST /api/authz/check} for that user,
 *       which must answer {@code allowed:false}. HTTP is included on both calls; run with {@code -p
 *       wardenUrl=http://127.0.0.1:PORT -p adminEmail=... -p adminPassword=...} (the script {@code
 *       benchmarks/run-casbin.sh} starts Warden and passes them).
 *   <li>{@code casbin*}: {@code removeGroupingPolicy(user, role, tenant)} (the cached enforcer also
 *       clears its cache, as an application must) and {@code enforce}, which must deny.
 * </ul>
 *
 * <p>Before each invocation the role is given back and one decision warms the caches again, so
 * every invocation revokes a role that is held and cached. That restore is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyChangeBenchmark {
  private static final String WARDEN_PERMISSION = "users.view";

  @Param("")
  public String wardenUrl;

  @Param("")
  public String adminEmail;

  @Param("")
  public String adminPassword;

  private int user;
  private int role;
  private int permission;
  private Object[] request;
  private List<String> grouping;
  private Enforcer enforcer;
  private SyncedEnforcer syncedEnforcer;
  private CachedEnforcer cachedEnforcer;

  private WardenApi warden;
  private String wardenToken;
  private String wardenRole;
  private String wardenUser;

  /** State of the Warden side; only set up when {@code wardenUrl} is given. */
  @Setup(Level.Trial)
  public void setUp() {
    // A user and a permission that exactly one of the user's roles grants: revoking that role
    // turns the answer from allow to deny.
    outer:
    for (int u = 0; u < RbacPolicy.USERS; u++) {
      for (int p = 0; p < RbacPolicy.PERMISSIONS; p++) {
        int granting = 0;
        int grantingRole = -1;
        for (int r : RbacPolicy.rolesOfUser(u)) {
          for (RbacPolicy.Grant grant : RbacPolicy.grantsOfRole(RbacPolicy.Grants.EXACT, r)) {
            if (grant.covers(p)) {
              granting++;
              grantingRole = r;
            }
          }
        }
        if (granting == 1) {
          user = u;
          permission = p;
          role = grantingRole;
          break outer;
        }
      }
    }
    String domain = RbacPolicy.domain(RbacPolicy.tenantOf(user));
    request =
        new Object[] {
          RbacPolicy.subject(user),
          domain,
          RbacPolicy.object(permission),
          RbacPolicy.action(permission)
        };
    grouping = List.of(RbacPolicy.subject(user), RbacPolicy.role(role), domain);
    // Exact grants: revoking a role is the same work whatever the role grants.
    enforcer = load(new Enforcer(Model.newModelFromString(RbacPolicy.CASBIN_MODEL)));
    syncedEnforcer = load(new SyncedEnforcer(Model.newModelFromString(RbacPolicy.CASBIN_MODEL)));
    cachedEnforcer = load(new CachedEnforcer(Model.newModelFromString(RbacPolicy.CASBIN_MODEL)));
    if (!wardenUrl.isEmpty()) {
      setUpWarden();
    }
  }

  private static <E extends Enforcer> E load(E engine) {
    engine.addPolicies(RbacPolicy.casbinPolicies(RbacPolicy.Grants.EXACT));
    engine.addGroupingPolicies(RbacPolicy.casbinGroupings());
    return engine;
  }

  /** A tenant of its own, a role holding one permission, and a member who holds the role. */
  private void setUpWarden() {
    warden = new WardenApi(wardenUrl);
    String admin = warden.login(adminEmail, adminPassword).getString("accessToken");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String tenant = warden.createTenant(admin, "bench-change-" + suffix);
    wardenToken = warden.selectTenant(admin, tenant);
    wardenUser =
        warden.createUser(admin, "change-" + suffix + "@bench.warden.local", "bench-password-123");
    warden.addMember(admin, tenant, wardenUser, List.of());
    wardenRole = warden.createRole(wardenToken, "bench-viewer", List.of(WARDEN_PERMISSION));
  }

  /** Gives the role back and warms every cache with one allowed decision. */
  @Setup(Level.Invocation)
  public void restore() {
    enforcer.addGroupingPolicy(grouping);
    syncedEnforcer.addGroupingPolicy(grouping);
    cachedEnforcer.addGroupingPolicy(grouping);
    cachedEnforcer.invalidateCache();
    requireAnswer(true, enforcer.enforce(request), "Enforcer");
    requireAnswer(true, syncedEnforcer.enforce(request), "SyncedEnforcer");
    requireAnswer(true, cachedEnforcer.enforce(request), "CachedEnforcer");
    if (warden != null) {
      warden.assign(wardenToken, wardenRole, wardenUser);
      requireAnswer(true, warden.check(wardenToken, wardenUser, WARDEN_PERMISSION), "Warden");
    }
  }

  private static boolean requireAnswer(boolean expected, boolean actual, String engine) {
    if (expected != actual) {
      throw new IllegalStateException(engine + " answered " + actual + ", expected " + expected);
    }
    return actual;
  }

  @Benchmark
  public boolean warden() {
    if (warden == null) {
      throw new IllegalStateException(
          "no Warden to measure: pass -p wardenUrl=... -p adminEmail=... -p adminPassword=..."
              + " (benchmarks/run-casbin.sh does)");
    }
    warden.unassign(wardenToken, wardenRole, wardenUser);
    return requireAnswer(false, warden.check(wardenToken, wardenUser, WARDEN_PERMISSION), "Warden");
  }

  @Benchmark
  public boolean casbinEnforcer() {
    enforcer.removeGroupingPolicy(grouping);
    return requireAnswer(false, enforcer.enforce(request), "Enforcer");
  }

  @Benchmark
  public boolean casbinSyncedEnforcer() {
    syncedEnforcer.removeGroupingPolicy(grouping);
    return requireAnswer(false, syncedEnforcer.enforce(request), "SyncedEnforcer");
  }

  @Benchmark
  public boolean casbinCachedEnforcer() {
    cachedEnforcer.removeGroupingPolicy(grouping);
    cachedEnforcer.invalidateCache();
    return requireAnswer(false, cachedEnforcer.enforce(request), "CachedEnforcer");
  }
}
