package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A randomized history over three instances sharing PostgreSQL and Redis, with clients that pass
 * the last revision they were answered ({@code Warden-Revision}) as {@code Warden-Min-Revision}:
 * each client owns a member and that member's role, changes the role's permission through a random
 * instance and asks about the member through another random instance right away — a check, a batch
 * check, {@code /api/me} or explain. A client knows exactly what its own changes made true, so
 * every answer is judged: one that contradicts the client's last change is stale, and the run
 * allows none (without the header such a history finds a few, all within the staleness bound).
 *
 * <p>{@code warden.revision-history.operations} (or {@code WARDEN_REVISION_HISTORY_OPERATIONS})
 * sets the size, default 900; {@code warden.revision-history.seed} the random seed (printed).
 */
class RevisionHistoryTest {
  private static final int INSTANCES = 3;
  private static final int CLIENTS = 4;
  private static final long OPERATIONS = setting("operations", 900);
  private static final long SEED = setting("seed", System.nanoTime());

  private final List<WardenInstance> instances = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
  private final AtomicLong judged = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private Operator.Tenant tenant;
  private String permission;

  /** One client: its member, the member's role and token, and what its last change made true. */
  private final class Client {
    final Random random;
    final Operator.Role role;
    final Operator.Member member;
    final String token;
    boolean granted = true;
    long revision;

    Client(Operator operator, long seed) {
      this.random = new Random(seed);
      this.role = operator.newRole(tenant, permission);
      this.member = operator.newMember(tenant, role);
      this.token = Operator.login(operator.client(), member);
    }

    void run(long operations) {
      for (long i = 0; i < operations; i++) {
        if (random.nextInt(4) == 0) {
          change();
        } else {
          ask();
        }
      }
    }

    private WardenClient anyInstance() {
      return instances.get(random.nextInt(INSTANCES)).client();
    }

    private void change() {
      String path = "/api/roles/" + role.id() + "/permissions/" + permission;
      WardenClient on = anyInstance();
      Response answer =
          granted
              ? Operator.expect(204, on.delete(path, tenant.adminToken()))
              : Operator.expect(204, on.post(path, tenant.adminToken(), "{}"));
      granted = !granted;
      long answered =
          Long.parseLong(
              answer
                  .header("Warden-Revision")
                  .orElseThrow(() -> new AssertionError("no Warden-Revision: " + answer)));
      assertThat(answered).as("revisions grow").isGreaterThan(revision);
      revision = answered;
      changes.incrementAndGet();
    }

    private void ask() {
      WardenClient on = anyInstance();
      Map<String, String> atLeast = Map.of("Warden-Min-Revision", Long.toString(revision));
      String kind;
      boolean allowed;
      switch (random.nextInt(4)) {
        case 0 -> {
          kind = "check";
          allowed =
              ok(on.send(
                      "POST",
                      "/api/authz/check",
                      tenant.adminToken(),
                      Json.createObjectBuilder()
                          .add("permission", permission)
                          .add("userId", member.id())
                          .build()
                          .toString(),
                      atLeast))
                  .getBoolean("allowed");
        }
        case 1 -> {
          kind = "check-batch";
          allowed =
              ok(on.send(
                      "POST",
                      "/api/authz/check-batch",
                      token,
                      CheckPath.batchBody(permission),
                      atLeast))
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getBoolean("allowed");
        }
        case 2 -> {
          kind = "me";
          allowed =
              ok(on.send("GET", "/api/me", token, null, atLeast))
                  .getJsonArray("permissions")
                  .toString()
                  .contains('"' + permission + '"');
        }
        default -> {
          kind = "explain";
          allowed =
              ok(on.send(
                      "GET",
                      "/api/authz/explain?permission=" + permission + "&userId=" + member.id(),
                      tenant.adminToken(),
                      null,
                      atLeast))
                  .getBoolean("allowed");
        }
      }
      judged.incrementAndGet();
      if (allowed != granted) {
        stale.add(
            kind + " on " + on.baseUrl() + " at revision " + revision + " answered " + allowed);
      }
    }

    private static JsonObject ok(Response response) {
      return Operator.expect(200, response).json();
    }
  }

  @Test
  void clients_passing_their_last_revision_see_no_stale_answer() throws Exception {
    System.out.println("RevisionHistoryTest seed " + SEED + ", operations " + OPERATIONS);
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    try {
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(WardenInstance.start(shared));
      }
      Operator operator = new Operator(instances.get(0).client());
      tenant = operator.newTenant();
      permission = operator.newPermission("history");
      Random seeds = new Random(SEED);
      List<Client> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(new Client(operator, seeds.nextLong()));
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
        List<Future<?>> running = new ArrayList<>();
        for (Client client : clients) {
          running.add(pool.submit(() -> client.run(OPERATIONS / CLIENTS)));
        }
        for (Future<?> future : running) {
          future.get();
        }
      }
    } finally {
      for (WardenInstance instance : instances) {
        instance.close();
      }
    }
    System.out.println(
        "RevisionHistoryTest: "
            + changes.get()
            + " changes, "
            + judged.get()
            + " answers judged, "
            + stale.size()
            + " stale");
    assertThat(changes.get()).as("the history changed things").isPositive();
    assertThat(stale).as("stale answers (seed %d)", SEED).isEmpty();
  }

  private static long setting(String name, long fallback) {
    String property = System.getProperty("warden.revision-history." + name);
    if (property == null) {
      property = System.getenv("WARDEN_REVISION_HISTORY_" + name.toUpperCase().replace('-', '_'));
    }
    return property == null || property.isBlank() ? fallback : Long.parseLong(property.strip());
  }
}
