package io.warden.benchmarks.load;

import io.warden.benchmarks.load.LoadOptions.Scenario;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop HTTP load driver for a running Warden: {@code concurrency} virtual threads each
 * send a request, wait for the answer and send the next, first unmeasured for the warm-up, then
 * measured until the duration or the request cap is reached. Every answer is checked against what
 * the demo data says the user holds, so a fast wrong answer counts as a failure, not as throughput.
 * Latency is the client's view (send to whole body received), on the same machine.
 *
 * <p>Run it from {@code benchmarks/run-load.sh}, or by hand: {@code java -cp
 * benchmarks/target/benchmarks.jar io.warden.benchmarks.load.LoadDriver --base-url
 * http://127.0.0.1:8080}.
 */
public final class LoadDriver {
  /** What every demo user's viewer role grants, and what none of them can hold. */
  private static final String HELD = "users.view";

  private static final String ALSO_HELD = "roles.view";
  private static final String EDITORS_ONLY = "roles.edit";
  private static final String NOT_DEFINED = "reports.never_defined";
  private static final List<String> PERMISSIONS =
      List.of(HELD, EDITORS_ONLY, ALSO_HELD, NOT_DEFINED);

  private final LoadOptions options;
  private final WardenClient client;

  private LoadDriver(LoadOptions options, WardenClient client) {
    this.options = options;
    this.client = client;
  }

  /** Runs the scenarios; exits 1 on bad options, 2 when any request failed. */
  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    try (ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor()) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .executor(httpThreads)
              .build();
      long failed = new LoadDriver(options, new WardenClient(http, options.baseUrl())).run();
      System.exit(failed == 0 ? 0 : 2);
    }
  }

  private long run() throws Exception {
    List<DemoUser> users = logIn();
    long failed = 0;
    for (Scenario scenario : options.scenarios()) {
      if (!options.warmup().isZero()) {
        measure(scenario, users, options.warmup(), Long.MAX_VALUE, false);
      }
      ScenarioResult result =
          measure(scenario, users, options.duration(), options.maxRequests(), true);
      failed += result.failed();
      System.out.println(result.human());
      if (options.results().isPresent()) {
        Files.writeString(
            options.results().get(),
            result.tsv() + System.lineSeparator(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }
    if (options.statsOut().isPresent()) {
      // Demo user 1 of each tenant holds the admin role, which includes metrics.view.
      String admin = client.login(DemoUser.email(1, 1), options.password());
      HttpResponse<String> stats = client.stats(admin);
      if (stats.statusCode() == 200) {
        Files.writeString(options.statsOut().get(), stats.body(), StandardCharsets.UTF_8);
      } else {
        System.out.printf(
            "%s: /api/performance/stats answered %d, not written%n",
            options.label(), stats.statusCode());
      }
    }
    return failed;
  }

  /**
   * Logs in {@code users} demo users spread over every tenant and over each tenant's numbers, a few
   * at a time: a login hashes a password on purpose slowly, and this is not what is measured.
   */
  private List<DemoUser> logIn() throws Exception {
    int perTenant = (options.users() + options.tenants() - 1) / options.tenants();
    int stride = Math.max(1, options.usersPerTenant() / perTenant);
    List<Future<DemoUser>> pending = new ArrayList<>();
    long started = System.nanoTime();
    try (ExecutorService logins = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < options.users(); i++) {
        int tenant = 1 + i % options.tenants();
        int number = 1 + (i / options.tenants()) * stride;
        pending.add(
            logins.submit(
                () ->
                    new DemoUser(
                        number, client.login(DemoUser.email(tenant, number), options.password()))));
      }
      List<DemoUser> users = new ArrayList<>(pending.size());
      for (Future<DemoUser> user : pending) {
        users.add(user.get());
      }
      System.out.printf(
          "%s: logged in %d demo users in %d ms%n",
          options.label(), users.size(), (System.nanoTime() - started) / 1_000_000);
      return users;
    }
  }

  private ScenarioResult measure(
      Scenario scenario, List<DemoUser> users, Duration duration, long maxRequests, boolean record)
      throws Exception {
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    AtomicLong started = new AtomicLong();
    List<Latencies> perWorker = new ArrayList<>();
    long begin = System.nanoTime();
    long deadline = begin + duration.toNanos();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < options.concurrency(); w++) {
        Latencies latencies = new Latencies();
        perWorker.add(latencies);
        SplittableRandom random = new SplittableRandom(31L * w + scenario.ordinal());
        workers.submit(
            () -> {
              while (System.nanoTime() < deadline && started.incrementAndGet() <= maxRequests) {
                DemoUser user = users.get(random.nextInt(users.size()));
                int first = random.nextInt(PERMISSIONS.size());
                long sent = System.nanoTime();
                String failure;
                try {
                  failure = exchange(scenario, user, first);
                } catch (IOException e) {
                  failure = "exception " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                if (failure == null) {
                  if (record) {
                    latencies.add((System.nanoTime() - sent) / 1_000);
                  }
                } else {
                  failures.computeIfAbsent(failure, f -> new LongAdder()).increment();
                }
              }
            });
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    long[] sorted = Latencies.sortedUnion(perWorker);
    Map<String, Long> failureCounts = new TreeMap<>();
    failures.forEach((kind, count) -> failureCounts.put(kind, count.sum()));
    return new ScenarioResult(
        options.label(),
        scenario,
        options.concurrency(),
        switch (scenario) {
          case PING -> 0;
          case CHECK -> 1;
          case BATCH -> options.batchSize();
        },
        sorted.length,
        failureCounts,
        seconds,
        Latencies.percentile(sorted, 50),
        Latencies.percentile(sorted, 95),
        Latencies.percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
  }

  /** One request and the check of its answer; null when it answered as expected. */
  private String exchange(Scenario scenario, DemoUser user, int first)
      throws IOException, InterruptedException {
    switch (scenario) {
      case PING -> {
        HttpResponse<String> response = client.ping();
        if (response.statusCode() != 200) {
          return "status " + response.statusCode();
        }
        return "pong".equals(response.body().strip()) ? null : "wrong answer";
      }
      case CHECK -> {
        String permission = PERMISSIONS.get(first);
        HttpResponse<String> response = client.check(user.token(), permission);
        if (response.statusCode() != 200) {
          return "status " + response.statusCode();
        }
        boolean allowed = WardenClient.parse(response.body()).getBoolean("allowed");
        return allowed == user.holds(permission) ? null : "wrong answer";
      }
      case BATCH -> {
        List<String> asked = new ArrayList<>(options.batchSize());
        for (int i = 0; i < options.batchSize(); i++) {
          asked.add(PERMISSIONS.get((first + i) % PERMISSIONS.size()));
        }
        HttpResponse<String> response = client.checkBatch(user.token(), asked);
        if (response.statusCode() != 200) {
          return "status " + response.statusCode();
        }
        JsonArray results = WardenClient.parse(response.body()).getJsonArray("results");
        if (results.size() != asked.size()) {
          return "wrong answer";
        }
        for (int i = 0; i < asked.size(); i++) {
          JsonObject item = results.getJsonObject(i);
          if (!asked.get(i).equals(item.getString("permission"))
              || item.getBoolean("allowed") != user.holds(asked.get(i))) {
            return "wrong answer";
          }
        }
        return null;
      }
    }
    throw new IllegalStateException("unknown scenario " + scenario);
  }

  /**
   * A logged-in demo user. What it holds follows from how Warden seeds demo data: every user has
   * the viewer role ({@code users.view}, {@code roles.view}), every tenth also the editor role
   * ({@code roles.edit} among others), and user 1 the admin role.
   */
  private record DemoUser(int number, String token) {
    static String email(int tenant, int number) {
      return "demo-" + tenant + "-" + number + "@demo.warden.local";
    }

    boolean holds(String permission) {
      return switch (permission) {
        case HELD, ALSO_HELD -> true;
        case EDITORS_ONLY -> number == 1 || number % 10 == 0;
        default -> false;
      };
    }
  }
}
