package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.cache.CheckPath.Outcome;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Where the time between a revocation's answer on one instance and the first denial on the others
 * goes, stage by stage, on three instances sharing PostgreSQL and Redis. They run in this JVM so
 * that one monotonic clock times every stage:
 *
 * <ol>
 *   <li><b>answer</b>: the writer's {@code 204} reaches the client (its own caches are evicted by
 *       then, and its commit has sent the {@code NOTIFY});
 *   <li><b>received</b>: the other instance's {@code LISTEN} connection has handed the message over
 *       ({@code PostgresInvalidationListener.received()} counts it before evicting);
 *   <li><b>evicted</b>: that instance's permission port no longer grants the permission (its tiers
 *       are evicted and the next load has read the new state);
 *   <li><b>denied</b>: the instance's first HTTP check that answers {@code allowed: false}.
 * </ol>
 *
 * <p>Data, not a timed assertion: each stage's distribution is printed and written to {@code
 * target/propagation-stages.tsv}; only that every instance ends up denying is asserted. The
 * watchers poll every 50 µs (parked), so a stage is resolved to the scheduler's wake-up, not finer;
 * on a loaded machine the figures measure the machine as much as Warden.
 */
class PropagationStagesTest {
  private static final int CHANGES = 30;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void each_stage_of_a_revocation_reaching_the_other_instances_is_recorded() throws Exception {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    // A Redis answer slower than 50 ms on this loaded machine would open the L2 breaker and turn
    // the figures into PostgreSQL's; propagation, not Redis's outage handling, is measured here.
    Map<String, String> env = Map.of("WARDEN_REDIS_TIMEOUT_MS", "500");
    List<WardenInstance> instances = new ArrayList<>();
    ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int i = 0; i < 3; i++) {
        instances.add(WardenInstance.start(shared, env));
      }
      Operator operator = new Operator(instances.get(0).client());
      Operator.Tenant tenant = operator.newTenant();
      String permission = operator.newPermission("stages");
      Operator.Role role = operator.newRole(tenant, permission);
      Operator.Member member = operator.newMember(tenant, role);
      TenantId tenantId = TenantId.parse(tenant.id(), "tenant");
      UserId userId = UserId.parse(member.id(), "user");
      List<String> tokens = new ArrayList<>();
      for (WardenInstance instance : instances) {
        tokens.add(Operator.login(instance.client(), member));
      }

      Map<String, List<Double>> stages = new LinkedHashMap<>();
      for (String stage :
          List.of(
              "writer request (sent -> answer)",
              "answer -> received",
              "received -> evicted",
              "evicted -> denied",
              "answer -> denied")) {
        stages.put(stage, new ArrayList<>());
      }
      for (int change = 0; change < CHANGES; change++) {
        if (change > 0) {
          operator.assign(tenant, role, member.id());
        }
        for (int k = 0; k < instances.size(); k++) {
          WardenClient client = instances.get(k).client();
          String token = tokens.get(k);
          Poll.until(
              DEADLINE,
              "instance " + k + " allows again",
              () -> CheckPath.SINGLE.ask(client, token, permission) == Outcome.ALLOWED);
        }
        List<CompletableFuture<long[]>> observed = new ArrayList<>();
        for (int k = 1; k < instances.size(); k++) {
          WardenInstance instance = instances.get(k);
          long before = instance.components().listener().received();
          CompletableFuture<Long> received =
              CompletableFuture.supplyAsync(
                  () -> await(() -> instance.components().listener().received() > before),
                  watchers);
          CompletableFuture<Long> evicted =
              CompletableFuture.supplyAsync(
                  () ->
                      await(
                          () ->
                              !instance
                                  .components()
                                  .permissions()
                                  .of(tenantId, userId)
                                  .permissions()
                                  .allows(permission)),
                  watchers);
          observed.add(received.thenCombine(evicted, (r, e) -> new long[] {r, e}));
        }
        long sent = System.nanoTime();
        operator.unassign(tenant, role, member.id());
        long answered = System.nanoTime();
        List<CompletableFuture<Long>> denied = new ArrayList<>();
        for (int k = 1; k < instances.size(); k++) {
          WardenClient client = instances.get(k).client();
          String token = tokens.get(k);
          denied.add(
              CompletableFuture.supplyAsync(
                  () ->
                      await(
                          () ->
                              CheckPath.SINGLE.ask(client, token, permission)
                                  == Outcome.NOT_ALLOWED),
                  watchers));
        }
        stages.get("writer request (sent -> answer)").add(millis(answered - sent));
        for (int k = 0; k < denied.size(); k++) {
          long[] re = observed.get(k).get();
          long d = denied.get(k).get();
          stages.get("answer -> received").add(millis(re[0] - answered));
          stages.get("received -> evicted").add(millis(re[1] - re[0]));
          stages.get("evicted -> denied").add(millis(d - re[1]));
          stages.get("answer -> denied").add(millis(d - answered));
        }
      }
      report(stages);
      assertThat(stages.get("answer -> denied")).hasSize(CHANGES * 2);
    } finally {
      watchers.shutdownNow();
      instances.forEach(WardenInstance::close);
    }
  }

  /** Polls {@code condition} every 50 µs until it holds; the {@code nanoTime} it was seen at. */
  private static long await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE);
      }
      LockSupport.parkNanos(50_000);
    }
    return System.nanoTime();
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void report(Map<String, List<Double>> stages) {
    StringBuilder table = new StringBuilder();
    table.append("stage\tn\tp50 ms\tp90 ms\tp99 ms\tmax ms\n");
    stages.forEach(
        (stage, samples) -> {
          double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          table.append(
              String.format(
                  Locale.ROOT,
                  "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f%n",
                  stage,
                  sorted.length,
                  percentile(sorted, 50),
                  percentile(sorted, 90),
                  percentile(sorted, 99),
                  sorted[sorted.length - 1]));
        });
    System.out.print(
        "Propagation stages (load average "
            + loadAverage()
            + ", 3 instances in one JVM):\n"
            + table);
    try {
      Path out = Path.of("target", "propagation-stages.tsv");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Nearest-rank percentile of sorted samples. */
  private static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).strip().split(" "), 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
