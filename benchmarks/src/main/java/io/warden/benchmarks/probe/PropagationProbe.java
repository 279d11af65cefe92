package io.warden.benchmarks.probe;

import io.warden.benchmarks.http.WardenApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * How long a revocation takes to reach every instance, measured from the client's side: the change
 * is made on instance 1 and, from the moment its answer (the commit) arrives, every instance is
 * asked about the user, each by its own platform thread over its own kept-alive connection ({@link
 * CheckConnection}: one blocking write and read per check), a pause of {@code pollMicros} (default
 * 500) after each answer that still allows, until it denies. Two figures per instance, both from
 * the commit's answer: to the first denial's <em>arrival</em> (answered), at most one pause and one
 * round trip later than the moment the instance started denying; and to the <em>sending</em> of the
 * question that got it (asked): every question sent before it on that connection was allowed, so
 * this is how long the revocation was still allowed there as a client saw it, late by at most one
 * pause and one round trip of the last allowed question. The writer, which evicts before it
 * answers, shows the difference: its first question is already denied, so its asked figure is ~0
 * and its answered figure one round trip on the loaded box.
 *
 * <p>Why the pause: on a two-core machine three threads asking back to back (each answer takes ~60
 * µs) keep both cores busy with ~30,000 checks a second, the whole capacity of the box, and the
 * instances' eviction and reload then wait for a core behind the probe's own questions: the figure
 * measured the probe. At one question per 0.5 ms per instance the probe takes a few percent of the
 * machine, about what clients asking thousands of times a second would. {@code
 * -Dprobe.pollMicros=0} asks back to back, as the probe did before.
 *
 * <pre>
 * java [-Dprobe.warmup=N] [-Dprobe.settleMillis=M] [-Dprobe.pollMicros=U] -cp benchmarks.jar
 *      io.warden.benchmarks.probe.PropagationProbe CHANGES OUT_DIR ADMIN_EMAIL ADMIN_PASSWORD
 *      URL1 URL2 URL3 ...
 * </pre>
 *
 * <p>Change types: {@code unassign} (a role taken from the user), {@code revoke} (a permission
 * taken from the role), {@code remove-member} (the user leaves the tenant). Before each change the
 * previous state is restored, every instance is seen allowing again (warm), so each change evicts a
 * cached answer, and then the probe waits {@code settleMillis} (default 20) so that the restoring
 * changes' own invalidations have been handled everywhere: a sample measures one revocation, not
 * its overlap with the three changes before it. {@code warmup} changes of each type (default 100)
 * run first and are not counted: the instances' and the probe's JIT compile the paths they measure
 * there, not in the samples. {@code -Dprobe.types} (default {@code unassign,revoke,remove-member})
 * picks the types; they take turns, one change each, in warm-up and measurement alike. Writes
 * {@code propagation-<type>.tsv} (every sample, ms: answered for the last instance, then each
 * instance; the same for asked; then the commit answer's wall-clock time in epoch milliseconds, to
 * set beside the instances' GC logs) and prints {@code type n p50 p99 max} and {@code type@asked n
 * p50 p99 max} per type, then one line per instance and figure ({@code type#k} and {@code
 * type#k@asked}: commit answer → instance k denies). The per-instance revocation-latency histograms
 * of {@code /metrics} are read by the calling script, not here.
 */
public final class PropagationProbe {
  private static final String PERMISSION = "users.view";
  private static final long WAIT_NANOS = 10_000_000_000L;

  private final List<WardenApi> instances = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private final List<CheckConnection> connections = new ArrayList<>();
  private ExecutorService pollers;
  private CheckConnection changes;
  private final long settleMillis = Long.getLong("probe.settleMillis", 20);
  private final long pollNanos = Long.getLong("probe.pollMicros", 500) * 1_000;
  private String admin;
  private String tenantId;
  private String userId;
  private String roleId;

  private PropagationProbe() {}

  public static void main(String[] args) throws Exception {
    int changes = Integer.parseInt(args[0]);
    int warmup = Integer.getInteger("probe.warmup", 100);
    Path out = Path.of(args[1]);
    PropagationProbe probe = new PropagationProbe();
    probe.setUp(args[2], args[3], List.of(args).subList(4, args.length));
    List<String> types =
        List.of(System.getProperty("probe.types", "unassign,revoke,remove-member").split(","));
    for (int i = 0; i < warmup; i++) {
      for (String type : types) {
        probe.once(type);
      }
    }
    // The types take turns, one change each: measured one type after the other, the type measured
    // first had two to three times as many samples over 9 ms as the last, whichever it was (the
    // machine settles for minutes after the instances start); taking turns, every type sees the
    // same machine.
    int n = probe.instances.size();
    Sample[][] taken = new Sample[types.size()][changes];
    for (int i = 0; i < changes; i++) {
      for (int t = 0; t < types.size(); t++) {
        taken[t][i] = probe.once(types.get(t));
      }
    }
    List<String> perInstance = new ArrayList<>();
    for (int t = 0; t < types.size(); t++) {
      String type = types.get(t);
      Sample[] samples = taken[t];
      try (PrintWriter writer =
          new PrintWriter(Files.newBufferedWriter(out.resolve("propagation-" + type + ".tsv")))) {
        for (Sample sample : samples) {
          for (double[] when : List.of(sample.answered(), sample.asked())) {
            writer.printf(Locale.ROOT, "%.3f\t", Sample.last(when));
            for (double instance : when) {
              writer.printf(Locale.ROOT, "%.3f\t", instance);
            }
          }
          writer.println(sample.committedAtMillis());
        }
      }
      for (boolean byAsking : new boolean[] {false, true}) {
        String suffix = byAsking ? "@asked" : "";
        Function<Sample, double[]> when = byAsking ? Sample::asked : Sample::answered;
        System.out.println(
            type
                + suffix
                + " "
                + changes
                + " "
                + new Percentiles(
                        Arrays.stream(samples)
                            .mapToDouble(s -> Sample.last(when.apply(s)))
                            .toArray())
                    .summary());
        for (int k = 0; k < n; k++) {
          int instance = k;
          double[] each =
              Arrays.stream(samples).mapToDouble(s -> when.apply(s)[instance]).toArray();
          perInstance.add(
              type
                  + "#"
                  + (k + 1)
                  + suffix
                  + " "
                  + changes
                  + " "
                  + new Percentiles(each).summary());
        }
      }
    }
    perInstance.forEach(System.out::println);
    probe.pollers.shutdownNow();
    probe.connections.forEach(CheckConnection::close);
    probe.changes.close();
  }

  /** A tenant of its own, a role with one permission, a member holding it; a token per instance. */
  private void setUp(String email, String password, List<String> urls) throws IOException {
    for (String url : urls) {
      instances.add(new WardenApi(url));
    }
    WardenApi first = instances.get(0);
    admin = first.login(email, password).getString("accessToken");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    tenantId = first.createTenant(admin, "bench-propagation-" + suffix);
    userId =
        first.createUser(
            admin, "propagation-" + suffix + "@bench.warden.local", "bench-password-123");
    String tenantToken = first.selectTenant(admin, tenantId);
    roleId = first.createRole(tenantToken, "bench-reader", List.of(PERMISSION));
    first.addMember(admin, tenantId, userId, List.of("bench-reader"));
    // Each instance verifies its own copy of the token (the signing key is shared).
    for (WardenApi instance : instances) {
      String token = instance.selectTenant(admin, tenantId);
      tokens.add(token);
      connections.add(
          new CheckConnection(instance.base(), token, WardenApi.checkBody(userId, PERMISSION)));
    }
    pollers = Executors.newFixedThreadPool(instances.size());
    changes =
        new CheckConnection(first.base(), tokens.get(0), WardenApi.checkBody(userId, PERMISSION));
  }

  /** One change of {@code type}, timed from its commit's answer to each instance's denial. */
  private Sample once(String type) throws Exception {
    restore();
    awaitEverywhere(true);
    Thread.sleep(settleMillis);
    String path =
        switch (type) {
          case "unassign" -> "/api/roles/" + roleId + "/users/" + userId;
          case "revoke" -> "/api/roles/" + roleId + "/permissions/" + PERMISSION;
          case "remove-member" -> "/api/members/" + userId;
          default -> throw new IllegalArgumentException(type);
        };
    // Over a kept-alive socket read on this thread: "committed" is when the answer arrived.
    CheckConnection.Answer answer = changes.call("DELETE", path, tokens.get(0), null);
    long committed = System.nanoTime();
    long committedAt = System.currentTimeMillis();
    if (answer.status() != 204) {
      throw new IllegalStateException("DELETE " + path + " answered " + answer);
    }
    Answer[] denied = awaitEverywhere(false);
    double[] answered = new double[denied.length];
    double[] asked = new double[denied.length];
    for (int k = 0; k < denied.length; k++) {
      answered[k] = (denied[k].answeredAt() - committed) / 1e6;
      asked[k] = (denied[k].askedAt() - committed) / 1e6;
    }
    return new Sample(answered, asked, committedAt);
  }

  /**
   * One change: the milliseconds from its commit's answer to each instance's first denial arriving
   * ({@code answered}) and to the question that got it being sent ({@code asked}), and the commit
   * answer's wall-clock time (epoch milliseconds).
   */
  private record Sample(double[] answered, double[] asked, long committedAtMillis) {
    /** Commit answer → the last instance's first denial, by {@code when}. */
    static double last(double[] when) {
      return Arrays.stream(when).max().orElseThrow();
    }
  }

  /**
   * Back to the state every change starts from — a member, holding the role, which grants the
   * permission — whatever the previous change (of any type) took away. Each step is idempotent.
   */
  private void restore() {
    WardenApi writer = instances.get(0);
    String token = tokens.get(0);
    // 409 when the user is still a member.
    WardenApi.Response added =
        writer.call(
            "POST",
            "/api/admin/tenants/" + tenantId + "/members",
            admin,
            "{\"userId\":\"" + userId + "\",\"roles\":[\"bench-reader\"]}");
    if (added.status() != 201 && added.status() != 409) {
      throw new IllegalStateException("re-adding the member answered " + added);
    }
    writer.assign(token, roleId, userId);
    writer.expect(204, "POST", "/api/roles/" + roleId + "/permissions/" + PERMISSION, token, null);
  }

  /**
   * Asks every instance, each from its own thread over its own connection with a pause of {@code
   * pollNanos} between answers, until it answers {@code allowed}; returns, for each one, when the
   * question so answered was sent and when its answer arrived.
   */
  private Answer[] awaitEverywhere(boolean allowed) throws Exception {
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      CheckConnection connection = connections.get(i);
      String base = instances.get(i).base().toString();
      answers.add(
          pollers.submit(
              () -> {
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (System.nanoTime() < deadline) {
                  long asked = System.nanoTime();
                  if (connection.allowed() == allowed) {
                    return new Answer(asked, System.nanoTime());
                  }
                  if (pollNanos > 0) {
                    LockSupport.parkNanos(pollNanos);
                  }
                }
                throw new IllegalStateException(
                    base + " did not answer allowed=" + allowed + " within 10 s");
              }));
    }
    Answer[] at = new Answer[answers.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = answers.get(i).get();
    }
    return at;
  }

  /**
   * The first question an instance answered as awaited: when it was sent and when its answer
   * arrived ({@link System#nanoTime}).
   */
  private record Answer(long askedAt, long answeredAt) {}
}
