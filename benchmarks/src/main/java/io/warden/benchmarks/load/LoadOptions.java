package io.warden.benchmarks.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@link LoadDriver}, as {@code --name value} pairs.
 *
 * @param baseUrl Warden's base URL; only a loopback address is accepted
 * @param scenarios which scenarios to run, in order
 * @param duration how long each scenario is measured
 * @param warmup how long each scenario runs unmeasured first (caches and JIT warm up)
 * @param maxRequests the most measured requests of one scenario, whatever the duration
 * @param concurrency the number of virtual threads sending requests back to back
 * @param users how many demo users to log in (spread over every tenant)
 * @param tenants the demo tenants Warden was seeded with
 * @param usersPerTenant the demo users per tenant Warden was seeded with
 * @param password the demo users' password
 * @param batchSize checks per {@code check-batch} request
 * @param label names the run in the report (for example the cache configuration)
 * @param results a tab-separated file each scenario's summary is appended to
 * @param statsOut where to write {@code /api/performance/stats} after the run
 */
record LoadOptions(
    URI baseUrl,
    List<Scenario> scenarios,
    Duration duration,
    Duration warmup,
    long maxRequests,
    int concurrency,
    int users,
    int tenants,
    int usersPerTenant,
    String password,
    int batchSize,
    String label,
    Optional<Path> results,
    Optional<Path> statsOut) {

  static final String USAGE =
      """
      usage: LoadDriver --base-url http://127.0.0.1:8080 [--scenarios ping,check,batch]
                        [--duration-seconds 20] [--warmup-seconds 5] [--max-requests 2000000]
                        [--concurrency 32] [--users 100] [--tenants 10] [--users-per-tenant 10000]
                        [--password demo-password-123] [--batch-size 10] [--label run]
                        [--results results.tsv] [--stats-out stats.json]
      """;

  /** The three kinds of traffic. */
  enum Scenario {
    PING,
    CHECK,
    BATCH;

    static Scenario parse(String text) {
      return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
    }
  }

  static LoadOptions parse(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in --name value pairs\n" + USAGE);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("not an option: " + args[i] + "\n" + USAGE);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    String baseUrl = required(options, "base-url");
    LoadOptions parsed =
        new LoadOptions(
            loopbackOnly(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")),
            Arrays.stream(take(options, "scenarios", "ping,check,batch").split(","))
                .map(Scenario::parse)
                .toList(),
            Duration.ofSeconds(positive(options, "duration-seconds", "20")),
            Duration.ofSeconds(atLeastZero(options, "warmup-seconds", "5")),
            positive(options, "max-requests", "2000000"),
            (int) positive(options, "concurrency", "32"),
            (int) positive(options, "users", "100"),
            (int) positive(options, "tenants", "10"),
            (int) positive(options, "users-per-tenant", "10000"),
            take(options, "password", "demo-password-123"),
            (int) positive(options, "batch-size", "10"),
            take(options, "label", "run"),
            Optional.ofNullable(options.remove("results")).map(Path::of),
            Optional.ofNullable(options.remove("stats-out")).map(Path::of));
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + options.keySet() + "\n" + USAGE);
    }
    if (parsed.batchSize() > 100) {
      throw new IllegalArgumentException("--batch-size is at most 100 (the API's limit)");
    }
    if (parsed.duration().compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("--duration-seconds is at most 600");
    }
    return parsed;
  }

  /** The load goes to this machine only: never point a load generator at someone else's host. */
  private static URI loopbackOnly(URI uri) {
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("--base-url must be http://<loopback>:<port>: " + uri);
    }
    try {
      if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("--base-url must be a loopback address: " + uri);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in --base-url: " + uri, e);
    }
    return uri;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.remove(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
    }
    return value;
  }

  private static String take(Map<String, String> options, String name, String fallback) {
    String value = options.remove(name);
    return value == null ? fallback : value;
  }

  private static long positive(Map<String, String> options, String name, String fallback) {
    long value = Long.parseLong(take(options, name, fallback));
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be positive");
    }
    return value;
  }

  private static long atLeastZero(Map<String, String> options, String name, String fallback) {
    long value = Long.parseLong(take(options, name, fallback));
    if (value < 0) {
      throw new IllegalArgumentException("--" + name + " must not be negative");
    }
    return value;
  }
}
