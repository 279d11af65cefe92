package io.warden.benchmarks;

import io.warden.adapter.driven.infinispan.CachedTokenCodec;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the L1 tiers buy on the hot path of one permission check, through the real adapters.
 *
 * <ul>
 *   <li>{@code permissionL1Warm}: the permission set through {@link InfinispanPermissionCache}
 *       (warm), then {@code allows}; {@code permissionNextTierInMemory} asks the in-memory tier
 *       behind it directly. Their difference is the cost of L1 itself; what L1 saves is the
 *       database query behind it in production, which only the HTTP load scenarios measure.
 *   <li>{@code tokenVerifyCached}: {@link CachedTokenCodec} (warm: a SHA-256 of the token and a
 *       look-up) against {@code tokenVerifyUncached}: {@link JwtTokenCodec} (parse, ES256 signature
 *       check, claim checks) for the same tokens.
 *   <li>{@code warmCheckCached} / {@code warmCheckUncachedToken}: token verification followed by
 *       the L1 permission check, the in-process part of {@code POST /api/authz/check} (without the
 *       session-state check, HTTP and JSON).
 * </ul>
 *
 * <p>Each invocation takes the next of {@value #USERS} users, so the caches are read at different
 * keys. The setup proves that the warm path never reaches the tier behind L1 and that every token
 * verifies: a benchmark that silently measured a refusal would look fast and mean nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {
  private static final int USERS = 1024;
  private static final String PERMISSION = "users.view";

  private final TenantId tenant = TenantId.random();
  private final UserId[] users = new UserId[USERS];
  private final String[] tokens = new String[USERS];
  private InMemoryEffectivePermissions nextTier;
  private InfinispanPermissionCache l1;
  private JwtTokenCodec jwtCodec;
  private CachedTokenCodec cachedCodec;
  private Instant now;
  private int next;

  /** Issues a token per user, and warms both L1 caches with every user and token. */
  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.systemUTC();
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    // A fixed "now" one second after issue: every token stays valid for the whole run.
    now = issuedAt.plusSeconds(1);
    nextTier = new InMemoryEffectivePermissions();
    jwtCodec = BenchTokens.codec(clock);
    for (int i = 0; i < USERS; i++) {
      users[i] = UserId.random();
      nextTier.put(tenant, users[i], permissionsOfUser(i));
      tokens[i] = BenchTokens.issue(jwtCodec, users[i], tenant, issuedAt);
    }
    l1 =
        new InfinispanPermissionCache(
            nextTier, InvalidationFeed.ALWAYS_LIVE, clock, L1Limits.defaults());
    cachedCodec = new CachedTokenCodec(jwtCodec, CachedTokenCodec.Config.defaults());
    for (int i = 0; i < USERS; i++) {
      check(cachedCodec, tokens[i]);
      check(jwtCodec, tokens[i]);
    }
    long callsWhenWarm = nextTier.calls();
    long verificationsWhenWarm = cachedCodec.stats().loads();
    for (int i = 0; i < USERS; i++) {
      check(cachedCodec, tokens[i]);
    }
    if (nextTier.calls() != callsWhenWarm) {
      throw new IllegalStateException("a warm check reached the tier behind L1");
    }
    if (cachedCodec.stats().loads() != verificationsWhenWarm) {
      throw new IllegalStateException("a warm token was verified again");
    }
  }

  /** A set like a demo user's: the two viewer permissions among eighteen others. */
  private static PermissionSet permissionsOfUser(int user) {
    List<String> names = new ArrayList<>(List.of(PERMISSION, "roles.view"));
    for (int i = 0; i < 18; i++) {
      names.add("bench.feature_" + ((user + i) % 40) + ":read");
    }
    return PermissionSet.of(names);
  }

  /** Stops the embedded caches. */
  @TearDown(Level.Trial)
  public void tearDown() {
    cachedCodec.close();
    l1.close();
  }

  private int nextUser() {
    int i = next;
    next = (i + 1) & (USERS - 1);
    return i;
  }

  private boolean check(TokenCodec codec, String token) {
    AccessClaims claims =
        codec
            .verify(token, now)
            .orElseThrow(() -> new IllegalStateException("a benchmark token did not verify"));
    return l1.of(claims.tenantId().orElseThrow(), claims.subject())
        .permissions()
        .allows(PERMISSION);
  }

  @Benchmark
  public boolean permissionL1Warm() {
    return l1.of(tenant, users[nextUser()]).permissions().allows(PERMISSION);
  }

  @Benchmark
  public boolean permissionNextTierInMemory() {
    return nextTier.of(tenant, users[nextUser()]).permissions().allows(PERMISSION);
  }

  @Benchmark
  public Optional<AccessClaims> tokenVerifyCached() {
    return cachedCodec.verify(tokens[nextUser()], now);
  }

  @Benchmark
  public Optional<AccessClaims> tokenVerifyUncached() {
    return jwtCodec.verify(tokens[nextUser()], now);
  }

  @Benchmark
  public boolean warmCheckCached() {
    return check(cachedCodec, tokens[nextUser()]);
  }

  @Benchmark
  public boolean warmCheckUncachedToken() {
    return check(jwtCodec, tokens[nextUser()]);
  }
}
