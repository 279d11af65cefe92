package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Warden against jCasbin ({@link CasbinOracle}) on a random policy: tenants as domains, roles that
 * include roles, wildcard and look-alike grants, users in one or two tenants, and a random sequence
 * of grants, revokes, inclusions, exclusions, assignments and unassignments, each sent over HTTP to
 * one of two instances sharing PostgreSQL and Redis. After every change every (user, permission) of
 * the changed tenant is checked on both instances, from warm caches, and compared with jCasbin's
 * answer: the instance that made the change must agree at once, the other once the change has
 * reached it (within the propagation deadline); every tenth change all tenants are compared.
 *
 * <p>Reproduce a run with {@code -Dwarden.differential.seed=<seed>} (printed at the start, with the
 * number of changes made at the end: the sequence is the seed's, a run only cuts it shorter). It
 * stops after {@code -Dwarden.differential.changes} changes (150) or {@code
 * -Dwarden.differential.seconds} (40) of changing, whichever comes first, so that it stays under a
 * minute on a loaded machine; raise both to run it longer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasbinDifferentialTest {
  private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(5);
  private static final int TENANTS = 3;
  private static final int ROLES_PER_TENANT = 5;
  private static final int USERS = 7;

  /**
   * Exact names, wildcards (last segment {@code *}) and look-alikes where {@code *} is an ordinary
   * character to Warden but a wildcard to jCasbin's keyMatch; every one is defined, and checked.
   */
  private static final List<String> NAMES =
      List.of(
          "docs",
          "docs.read",
          "docs.write",
          "docs.read.own",
          "docsx.read",
          "docs.*",
          "docs.read.*",
          "docs.*x",
          "docs.r*",
          "docs.*.own",
          "reports:daily",
          "reports:daily:pdf",
          "reports:weekly",
          "reports:*",
          "reports:daily:*",
          "reports.daily",
          "billing.view",
          "billing:*");

  /**
   * Names never defined, checked only: a wildcard covers them all the same (README, "Wildcard
   * permissions"), an exact grant of them cannot exist.
   */
  private static final List<String> UNDEFINED = List.of("docs.archive", "reports:daily:csv", "x");

  private final long seed = Long.getLong("warden.differential.seed", System.nanoTime());
  private final int changes = Integer.getInteger("warden.differential.changes", 150);
  private final Duration budget =
      Duration.ofSeconds(Long.getLong("warden.differential.seconds", 40));
  private final SplittableRandom random = new SplittableRandom(seed);
  private final CasbinOracle casbin = new CasbinOracle();

  private WardenInstance.Shared shared;
  private final List<WardenInstance> instances = new ArrayList<>();
  private final List<WardenClient> clients = new ArrayList<>();
  private final List<Tenant> tenants = new ArrayList<>();
  private final List<String> users = new ArrayList<>();
  private long decisions;
  private long granted;
  private long lagging;
  private final List<String> differences = new ArrayList<>();

  /** One tenant: its system-admin token, its roles and what each includes, its members. */
  private record Tenant(
      String id,
      String token,
      List<String> roles,
      Map<String, Set<String>> includes,
      Set<String> members) {}

  @BeforeAll
  void start() {
    System.out.printf(
        "CasbinDifferentialTest: -Dwarden.differential.seed=%d -Dwarden.differential.changes=%d"
            + " -Dwarden.differential.seconds=%d%n",
        seed, changes, budget.toSeconds());
    shared = WardenInstance.Shared.fresh();
    for (int i = 0; i < 2; i++) {
      instances.add(WardenInstance.start(shared, WardenApi.GENEROUS_LIMITS));
      clients.add(instances.get(i).client());
    }
    WardenApi api = new WardenApi(clients.get(0));
    NAMES.forEach(api::createPermission);
    for (int t = 0; t < TENANTS; t++) {
      String id = api.createTenant("casbin").getString("id");
      String token = api.adminIn(id);
      List<String> roles = new ArrayList<>();
      Map<String, Set<String>> includes = new LinkedHashMap<>();
      for (int r = 0; r < ROLES_PER_TENANT; r++) {
        String role = api.createRole(token, "role-" + r).getString("id");
        roles.add(role);
        includes.put(role, new LinkedHashSet<>());
      }
      tenants.add(new Tenant(id, token, roles, includes, new LinkedHashSet<>()));
    }
    for (int u = 0; u < USERS; u++) {
      Account user = api.createUser("casbin");
      users.add(user.id());
      // Every user in one tenant, some in two: a role held in one domain grants nothing in another.
      int first = u % TENANTS;
      join(api, tenants.get(first), user);
      if (random.nextInt(3) == 0) {
        join(api, tenants.get((first + 1 + random.nextInt(TENANTS - 1)) % TENANTS), user);
      }
    }
  }

  private static void join(WardenApi api, Tenant tenant, Account user) {
    api.addMember(tenant.id(), user);
    tenant.members().add(user.id());
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : instances) {
      instance.close();
    }
  }

  @Test
  void warden_answers_as_jcasbin_after_every_change_on_both_instances() {
    long started = System.nanoTime();
    for (Tenant tenant : tenants) {
      compare(tenant, 0, "warm-up");
    }
    int step = 1;
    for (; step <= changes && System.nanoTime() - started < budget.toNanos(); step++) {
      Tenant tenant = tenants.get(random.nextInt(TENANTS));
      int writer = random.nextInt(2);
      String change = applyRandomChange(tenant, clients.get(writer));
      compare(tenant, writer, step + ": " + change);
      if (step % 10 == 0) {
        for (Tenant each : tenants) {
          compare(each, writer, step + ": sweep after " + change);
        }
      }
    }
    System.out.printf(
        "CasbinDifferentialTest: seed %d, %d changes, %d decisions (%d allowed), %d answers waited"
            + " for propagation, %d differences, %d ms%n",
        seed,
        step - 1,
        decisions,
        granted,
        lagging,
        differences.size(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    assertThat(decisions).isGreaterThan(1000);
    // Not a degenerate policy where everything is denied: a fair share of the answers are yes.
    assertThat(granted).isGreaterThan(decisions / 50);
    assertThat(differences).as("differences from jCasbin, seed %d", seed).isEmpty();
  }

  /** One random change, sent to {@code client} and mirrored in jCasbin; a line describing it. */
  private String applyRandomChange(Tenant tenant, WardenClient client) {
    String role = tenant.roles().get(random.nextInt(ROLES_PER_TENANT));
    String path = "/api/roles/" + role;
    switch (random.nextInt(6)) {
      case 0, 1 -> {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        expect(client.raw("POST", path + "/permissions/" + name, tenant.token(), null, null), 204);
        casbin.grant(tenant.id(), role, name);
        return "grant " + name + " to " + role;
      }
      case 2 -> {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        expect(client.delete(path + "/permissions/" + name, tenant.token()), 204);
        casbin.revoke(tenant.id(), role, name);
        return "revoke " + name + " from " + role;
      }
      case 3 -> {
        String included = tenant.roles().get(random.nextInt(ROLES_PER_TENANT));
        Set<String> next = new LinkedHashSet<>(tenant.includes().get(role));
        if (included.equals(role) || !next.add(included)) {
          return exclude(tenant, client, role);
        }
        if (reaches(tenant, included, role)) {
          // A cycle: Warden refuses it and nothing changes.
          expect(client.put(path, tenant.token(), json("includes", List.copyOf(next))), 400);
          return "refused cycle " + role + " -> " + included;
        }
        expect(client.put(path, tenant.token(), json("includes", List.copyOf(next))), 200);
        tenant.includes().put(role, next);
        casbin.link(tenant.id(), role, included);
        return "include " + included + " in " + role;
      }
      case 4 -> {
        String user = member(tenant);
        expect(client.raw("POST", path + "/users/" + user, tenant.token(), null, null), 204);
        casbin.link(tenant.id(), user, role);
        return "assign " + role + " to " + user;
      }
      default -> {
        String user = member(tenant);
        expect(client.delete(path + "/users/" + user, tenant.token()), 204);
        casbin.unlink(tenant.id(), user, role);
        return "unassign " + role + " from " + user;
      }
    }
  }

  private String exclude(Tenant tenant, WardenClient client, String role) {
    Set<String> next = new LinkedHashSet<>(tenant.includes().get(role));
    if (next.isEmpty()) {
      return "nothing to exclude from " + role;
    }
    String excluded = List.copyOf(next).get(random.nextInt(next.size()));
    next.remove(excluded);
    expect(
        client.put("/api/roles/" + role, tenant.token(), json("includes", List.copyOf(next))), 200);
    tenant.includes().put(role, next);
    casbin.unlink(tenant.id(), role, excluded);
    return "exclude " + excluded + " from " + role;
  }

  private String member(Tenant tenant) {
    List<String> members = List.copyOf(tenant.members());
    return members.get(random.nextInt(members.size()));
  }

  /** Whether {@code from} includes {@code to}, directly or transitively. */
  private static boolean reaches(Tenant tenant, String from, String to) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(List.of(from));
    while (!pending.isEmpty()) {
      String role = pending.remove(pending.size() - 1);
      if (role.equals(to)) {
        return true;
      }
      if (seen.add(role)) {
        pending.addAll(tenant.includes().get(role));
      }
    }
    return false;
  }

  /**
   * Every user (members and strangers) and every name in {@code tenant}, on the writer at once and
   * on the other instance until it agrees or the deadline passes.
   */
  private void compare(Tenant tenant, int writer, String after) {
    List<String[]> questions = new ArrayList<>();
    for (String user : users) {
      for (String name : NAMES) {
        questions.add(new String[] {user, name});
      }
      for (String name : UNDEFINED) {
        questions.add(new String[] {user, name});
      }
    }
    List<String> atOnce = disagreements(clients.get(writer), tenant, questions);
    differences.addAll(atOnce.stream().map(d -> "writer, after " + after + ": " + d).toList());
    WardenClient other = clients.get(1 - writer);
    long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
    List<String> late = disagreements(other, tenant, questions);
    while (!late.isEmpty() && System.nanoTime() < end) {
      lagging += late.size();
      Poll.pause(10);
      late = disagreements(other, tenant, questions);
    }
    differences.addAll(late.stream().map(d -> "other, after " + after + ": " + d).toList());
  }

  /** The questions Warden answers differently from jCasbin, asked in batches of 100. */
  private List<String> disagreements(WardenClient client, Tenant tenant, List<String[]> questions) {
    List<String> found = new ArrayList<>();
    for (int from = 0; from < questions.size(); from += 100) {
      List<String[]> batch = questions.subList(from, Math.min(questions.size(), from + 100));
      StringBuilder body = new StringBuilder("{\"checks\":[");
      for (int i = 0; i < batch.size(); i++) {
        body.append(i == 0 ? "" : ",")
            .append(json("permission", batch.get(i)[1], "userId", batch.get(i)[0]));
      }
      body.append("]}");
      List<JsonObject> results =
          expect(client.post("/api/authz/check-batch", tenant.token(), body.toString()), 200)
              .json()
              .getJsonArray("results")
              .getValuesAs(JsonObject.class);
      assertThat(results).hasSize(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        String user = batch.get(i)[0];
        String name = batch.get(i)[1];
        JsonObject result = results.get(i);
        assertThat(result.containsKey("error")).as("error in %s", result).isFalse();
        boolean expected = casbin.allows(tenant.id(), user, name);
        decisions++;
        if (expected) {
          granted++;
        }
        if (result.getBoolean("allowed") != expected) {
          found.add(
              String.format(
                  "tenant %s user %s %s: Warden %s, jCasbin %s",
                  tenant.id(), user, name, result.getBoolean("allowed"), expected));
        }
      }
    }
    return found;
  }
}
