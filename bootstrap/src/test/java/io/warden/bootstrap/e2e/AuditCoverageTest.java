package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing route of the served OpenAPI document writes exactly one audit event, with
 * the request's {@code X-Request-Id}, over HTTP against real PostgreSQL: a new POST, PUT, PATCH or
 * DELETE route fails this test until it has a recipe here (and so an event) or a stated reason to
 * write none. Afterwards no event anywhere holds a password, token or hash used on the way.
 */
class AuditCoverageTest extends OneWardenTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (post|put|patch|delete):\\s*$");

  /** State-changing by method, but writing no event, and why. */
  private static final Map<String, String> NOT_AUDITED =
      Map.of(
          "post /api/auth/select-tenant", "issues a token for a tenant; changes nothing",
          "post /api/authz/check", "a read",
          "post /api/authz/check-batch", "a read",
          "post /api/authz/permissions/batch", "a read",
          "post /api/me/events/ticket",
              "a 30-second, single-use ticket for the caller's own event stream, as a"
                  + " tenant selection issues a token; changes nothing");

  private String root;
  private String tenant;
  private Account tenantAdmin;
  private AuditRecipes recipes;

  @BeforeAll
  void start() {
    root = api.adminToken();
    tenant = api.createTenant("audited").getString("id");
    tenantAdmin = api.member(tenant, "admin", "admin");
    recipes = new AuditRecipes(api, tenant, tenantAdmin);
  }

  @Test
  void every_state_changing_route_writes_exactly_one_event_with_its_request_id() {
    Map<String, AuditRecipes.Recipe> recipes = this.recipes.recipes();
    Set<String> documented = mutatingOperations();
    Set<String> covered = new TreeSet<>(recipes.keySet());
    covered.addAll(NOT_AUDITED.keySet());
    assertThat(covered)
        .as("every POST/PUT/PATCH/DELETE of /openapi needs a recipe here, and so an audit event")
        .isEqualTo(documented);

    for (Map.Entry<String, AuditRecipes.Recipe> entry : recipes.entrySet()) {
      AuditRecipes.Recipe recipe = entry.getValue();
      String requestId = "audit-" + UUID.randomUUID();
      recipe.prepare().run();
      List<JsonObject> before = AuditPages.all(client, root);
      expect(recipe.call().apply(requestId), recipe.status());
      List<JsonObject> after = AuditPages.all(client, root);

      assertThat(after).as(entry.getKey()).hasSize(before.size() + 1);
      JsonObject event =
          AuditPages.ofRequest(after, requestId).stream()
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(entry.getKey() + " wrote no event with its request id"));
      AuditPages.assertShape(event);
      assertThat(event.getString("action")).as(entry.getKey()).isEqualTo(recipe.action());
      assertThat(after.get(0)).as("the newest").isEqualTo(event);
      if (!recipe.action().equals("auth.refresh_reused")) {
        assertThat(event.get("actor").getValueType())
            .as(entry.getKey())
            .isEqualTo(JsonValue.ValueType.OBJECT);
      }
      if (entry.getKey().contains(" /api/roles")
          || entry.getKey().contains(" /api/members")
          || entry.getKey().contains(" /api/performance")) {
        assertThat(event.getString("tenantId")).as(entry.getKey()).isEqualTo(tenant);
        assertThat(event.getJsonObject("actor").getString("email")).isEqualTo(tenantAdmin.email());
      }
    }

    List<JsonObject> everything = AuditPages.all(client, root);
    assertThat(everything).hasSizeGreaterThan(recipes.size());
    for (JsonObject event : everything) {
      AuditPages.assertShape(event);
      for (String secret : secrets()) {
        assertThat(event.toString()).as("event %s", event).doesNotContain(secret);
      }
    }
  }

  private List<String> secrets() {
    List<String> all = new ArrayList<>(recipes.secrets());
    all.addAll(List.of(WardenInstance.ADMIN_PASSWORD, "$argon2"));
    return all;
  }

  /** {@code "post /api/roles"} and the like: every state-changing operation of /openapi. */
  private Set<String> mutatingOperations() {
    Set<String> operations = new TreeSet<>();
    String path = null;
    for (String line : expect(client.get("/openapi", null), 200).body().lines().toList()) {
      Matcher p = PATH.matcher(line);
      if (p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher m = METHOD.matcher(line);
      if (m.matches() && path != null) {
        operations.add(m.group(1).toLowerCase(Locale.ROOT) + " " + path);
      }
    }
    assertThat(operations).hasSizeGreaterThan(20);
    return operations;
  }
}
