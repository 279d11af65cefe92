package io.warden.benchmarks.probe;

import io.warden.benchmarks.http.WardenApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long a revocation takes to reach every instance, measured from the client's side: the change
 * is made on instance 1 and, from the moment its answer (the commit) arrives, every instance is
 * asked about the user in a tight loop, each by its own thread, until it denies. The figure is the
 * time from the commit's answer to the last instance's first denial.
 *
 * <pre>
 * java -cp benchmarks.jar io.warden.benchmarks.probe.PropagationProbe CHANGES OUT_DIR ADMIN_EMAIL
 *      ADMIN_PASSWORD URL1 URL2 URL3 ...
 * </pre>
 *
 * <p>Change types: {@code unassign} (a role taken from the user), {@code revoke} (a permission
 * taken from the role), {@code remove-member} (the user leaves the tenant). Before each change the
 * previous state is restored and every instance is seen allowing again (warm), so each change
 * evicts a cached answer. Writes {@code propagation-<type>.tsv} (every sample, ms) and prints
 * {@code type n p50 p99 max} per type. The per-instance revocation-latency histograms that {@code
 * /metrics} will expose are read by the calling script (its metrics hook), not here.
 */
public final class PropagationProbe {
  private static final String PERMISSION = "users.view";
  private static final long WAIT_NANOS = 10_000_000_000L;

  private final List<WardenApi> instances = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
  private String admin;
  private String tenantId;
  private String userId;
  private String roleId;

  private PropagationProbe() {}

  public static void main(String[] args) throws Exception {
    int changes = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    PropagationProbe probe = new PropagationProbe();
    probe.setUp(args[2], args[3], List.of(args).subList(4, args.length));
    for (String type : List.of("unassign", "revoke", "remove-member")) {
      double[] samples = new double[changes];
      for (int i = 0; i < changes; i++) {
        samples[i] = probe.once(type);
      }
      try (PrintWriter writer =
          new PrintWriter(Files.newBufferedWriter(out.resolve("propagation-" + type + ".tsv")))) {
        for (double sample : samples) {
          writer.printf(Locale.ROOT, "%.3f%n", sample);
        }
      }
      System.out.println(type + " " + changes + " " + new Percentiles(samples).summary());
    }
    probe.pollers.shutdownNow();
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
      tokens.add(instance.selectTenant(admin, tenantId));
    }
  }

  /** One change of {@code type}; the milliseconds from its commit's answer to the last denial. */
  private double once(String type) throws Exception {
    restore();
    awaitEverywhere(true);
    WardenApi writer = instances.get(0);
    String token = tokens.get(0);
    switch (type) {
      case "unassign" -> writer.unassign(token, roleId, userId);
      case "revoke" ->
          writer.expect(
              204, "DELETE", "/api/roles/" + roleId + "/permissions/" + PERMISSION, token, null);
      case "remove-member" -> writer.expect(204, "DELETE", "/api/members/" + userId, token, null);
      default -> throw new IllegalArgumentException(type);
    }
    long committed = System.nanoTime();
    long last = awaitEverywhere(false);
    return (last - committed) / 1e6;
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
   * Asks every instance, each from its own thread and back to back, until it answers {@code
   * allowed}; returns the {@link System#nanoTime} at which the last one did.
   */
  private long awaitEverywhere(boolean allowed) throws Exception {
    List<Future<Long>> answers = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      WardenApi instance = instances.get(i);
      String token = tokens.get(i);
      answers.add(
          pollers.submit(
              () -> {
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (System.nanoTime() < deadline) {
                  if (instance.check(token, userId, PERMISSION) == allowed) {
                    return System.nanoTime();
                  }
                }
                throw new IllegalStateException(
                    instance.base() + " did not answer allowed=" + allowed + " within 10 s");
              }));
    }
    long last = 0;
    for (Future<Long> answer : answers) {
      last = Math.max(last, answer.get());
    }
    return last;
  }
}
