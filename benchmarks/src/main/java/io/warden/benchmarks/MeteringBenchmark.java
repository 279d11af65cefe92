package io.warden.benchmarks;

import io.warden.adapter.driven.infinispan.CachedTokenCodec;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.metrics.RecordedMetrics;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.application.metering.MeteredPermissions;
import io.warden.application.metering.MeteredTokens;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.Metrics.Operation;
import io.warden.application.port.driven.Metrics.Tier;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What measuring costs the warm check (issue #8): the in-process part of {@code POST
 * /api/authz/check} — token verification through the L1 token cache, then the L1 permission set —
 * wired as bootstrap wires it, in the same run with {@code metrics}:
 *
 * <ul>
 *   <li>{@code off}: no decorator at all ({@code WARDEN_METRICS=false});
 *   <li>{@code noop}: the decorators, recording into {@link Metrics#NONE} (their sampling and the
 *       clock readings of the sampled calls only);
 *   <li>{@code recorded}: the decorators recording into {@link RecordedMetrics} (striped histograms
 *       and key counters, the busiest-users counter), as in production.
 * </ul>
 *
 * <p>Every variant reads the clock twice around the check, as the HTTP filter does for every
 * request whatever {@code WARDEN_METRICS} says; {@code recorded} records that timing as the {@code
 * check} operation, as bootstrap's request observer does.
 *
 * <p>Two threads on two cores make the recorders' shared counters contend as they do under load.
 * The HTTP request around this (tens of microseconds) dilutes whatever difference this shows;
 * {@code benchmarks/run-metering.sh} measures that too.
 *
 * <p>JMH runs each variant in JVMs of its own (forks), so one variant's profile never shapes
 * another's compiled code. Three forks each by default: with one, a variant's score is that of one
 * JIT compilation, and two compilations of the same code differed by a third here (0.94× and 0.63×
 * of {@code off} in two runs with one fork each, each with a small error bar). Run it with {@code
 * -prof gc}: {@code gc.alloc.rate.norm} must be the same for the three (measuring allocates nothing
 * per check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class MeteringBenchmark {
  private static final int USERS = 1024;
  private static final String PERMISSION = "users.view";

  @Param({"off", "noop", "recorded"})
  public String metrics;

  private final TenantId tenant = TenantId.random();
  private final UserId[] users = new UserId[USERS];
  private final String[] tokens = new String[USERS];
  private InfinispanPermissionCache l1;
  private CachedTokenCodec cachedTokens;
  private Metrics recorder;
  private EffectivePermissions permissions;
  private TokenCodec tokenCodec;
  private Instant now;
  private boolean metered;

  /** Per thread: the next user to check, so threads read different keys. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = (int) (Thread.currentThread().threadId() * 97) & (USERS - 1);

    int nextUser() {
      int i = next;
      next = (i + 1) & (USERS - 1);
      return i;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.systemUTC();
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    now = issuedAt.plusSeconds(1);
    InMemoryEffectivePermissions database = new InMemoryEffectivePermissions();
    JwtTokenCodec jwt = BenchTokens.codec(clock);
    for (int i = 0; i < USERS; i++) {
      users[i] = UserId.random();
      database.put(tenant, users[i], PermissionSet.of(List.of(PERMISSION, "roles.view")));
      tokens[i] = BenchTokens.issue(jwt, users[i], tenant, issuedAt);
    }
    l1 =
        new InfinispanPermissionCache(
            database, InvalidationFeed.ALWAYS_LIVE, clock, L1Limits.defaults());
    cachedTokens = new CachedTokenCodec(jwt, CachedTokenCodec.Config.defaults());
    recorder =
        switch (metrics) {
          case "off", "noop" -> Metrics.NONE;
          case "recorded" -> new RecordedMetrics(clock);
          default -> throw new IllegalArgumentException(metrics);
        };
    metered = !metrics.equals("off");
    if (!metered) {
      permissions = l1;
      tokenCodec = cachedTokens;
    } else {
      permissions = new MeteredPermissions(recorder, Tier.L1, l1);
      tokenCodec = new MeteredTokens(recorder, Tier.L1, cachedTokens);
    }
    long loads = database.calls();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < USERS; i++) {
        if (!check(i)) {
          throw new IllegalStateException("a benchmark check was refused");
        }
      }
      if (round == 0) {
        loads = database.calls();
      }
    }
    if (database.calls() != loads) {
      throw new IllegalStateException("a warm check reached the tier behind L1");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cachedTokens.close();
    l1.close();
  }

  private boolean check(int user) {
    // The HTTP filter times every request, whatever WARDEN_METRICS says (RequestObserving).
    long start = System.nanoTime();
    AccessClaims claims =
        tokenCodec
            .verify(tokens[user], now)
            .orElseThrow(() -> new IllegalStateException("a benchmark token did not verify"));
    boolean allowed =
        permissions
            .of(claims.tenantId().orElseThrow(), claims.subject())
            .permissions()
            .allows(PERMISSION);
    if (metered) {
      // What MeteredAuthorization adds to the use case's check.
      recorder.checked(tenant, claims.subject());
    }
    long nanos = System.nanoTime() - start;
    if (metered) {
      // What Observability's request observer adds: the check recorded with the request's timing.
      recorder.operation(Operation.CHECK, nanos);
    }
    return allowed;
  }

  @Benchmark
  public boolean warmCheck(Cursor cursor) {
    return check(cursor.nextUser());
  }
}
