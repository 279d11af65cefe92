package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail over HTTP against real PostgreSQL: an event commits with its change or not at all
 * (a failure forced at commit, after the event was written, leaves neither), failed logins are
 * written on their own without the password, a tenant's reader sees that tenant's events only
 * (whatever {@code tenantId} it asks for), and the filters and cursor pages hold together.
 */
class AuditTrailTest extends OneWardenTest {
  private String root;

  @BeforeAll
  void start() {
    root = api.adminToken();
  }

  private Response send(String requestId, String method, String path, String token, String body) {
    return client.send(method, path, token, body, Map.of("X-Request-Id", requestId));
  }

  @Test
  void a_change_failing_at_commit_after_its_event_was_written_leaves_neither() throws Exception {
    String tenant = api.createTenant("doomed").getString("id");
    String admin = api.token(api.member(tenant, "admin", "admin"));
    // Fires at COMMIT, when the role and its event are both written in the transaction.
    adminSql(
        """
        CREATE FUNCTION audit_test_doom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'forced failure after the audit event'; END $$;
        CREATE CONSTRAINT TRIGGER audit_test_doom AFTER INSERT ON audit_events
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
          WHEN (NEW.details->>'name' = 'doomed') EXECUTE FUNCTION audit_test_doom();
        """);
    int before = AuditPages.all(client, root).size();
    String requestId = "doomed-" + UUID.randomUUID();

    Response failed =
        send(
            requestId,
            "POST",
            "/api/roles",
            admin,
            json("name", "doomed", "permissions", List.of()));

    assertThat(failed.status()).as("%s", failed).isGreaterThanOrEqualTo(500);
    assertThat(WardenApi.field(expect(client.get("/api/roles", admin), 200).jsonArray(), "name"))
        .doesNotContain("doomed");
    List<JsonObject> after = AuditPages.all(client, root);
    assertThat(AuditPages.ofRequest(after, requestId)).isEmpty();
    assertThat(after).hasSize(before);

    String next = "kept-" + UUID.randomUUID();
    expect(
        send(next, "POST", "/api/roles", admin, json("name", "kept", "permissions", List.of())),
        201);
    assertThat(AuditPages.ofRequest(AuditPages.all(client, root), next)).hasSize(1);
  }

  @Test
  void failed_logins_are_written_on_their_own_without_the_password() {
    Account known = api.createUser("victim");
    String wrongPassword = "wrong-password-" + UUID.randomUUID();
    String unknownEmail = api.unique("nobody") + "@e2e.test";
    String wrongId = "bad-login-" + UUID.randomUUID();
    String unknownId = "no-user-" + UUID.randomUUID();

    assertProblem(
        send(
            wrongId,
            "POST",
            "/api/auth/login",
            null,
            json("email", known.email(), "password", wrongPassword)),
        401);
    assertProblem(
        send(
            unknownId,
            "POST",
            "/api/auth/login",
            null,
            json("email", unknownEmail, "password", wrongPassword)),
        401);

    List<JsonObject> failures = AuditPages.all(client, root, "action=auth.login_failed", 50);
    JsonObject wrong = AuditPages.ofRequest(failures, wrongId).get(0);
    assertThat(wrong.get("actor")).isEqualTo(JsonValue.NULL);
    assertThat(wrong.get("tenantId")).isEqualTo(JsonValue.NULL);
    assertThat(wrong.getJsonObject("target").getString("email")).isEqualTo(known.email());
    assertThat(wrong.getJsonObject("target").getString("userId")).isEqualTo(known.id());
    assertThat(wrong.getJsonObject("details").getString("reason")).isEqualTo("wrong password");
    JsonObject unknown = AuditPages.ofRequest(failures, unknownId).get(0);
    assertThat(unknown.getJsonObject("target").getString("email")).isEqualTo(unknownEmail);
    assertThat(unknown.getJsonObject("target").containsKey("userId")).isFalse();
    for (JsonObject event : AuditPages.all(client, root)) {
      assertThat(event.toString()).doesNotContain(wrongPassword);
    }
  }

  @Test
  void a_tenant_reads_its_own_events_only_whatever_it_asks_for() {
    String a = api.createTenant("iso-a").getString("id");
    String b = api.createTenant("iso-b").getString("id");
    String adminA = api.token(api.member(a, "admin-a", "admin"));
    String adminB = api.token(api.member(b, "admin-b", "admin"));
    api.createRole(adminA, "only-in-a");
    api.createRole(adminB, "only-in-b");
    String auditors = api.createRole(adminA, "auditors", "audit.view").getString("id");
    Account auditor = api.member(a, "auditor");
    api.assign(adminA, auditors, auditor.id());
    String plain = api.token(api.member(a, "plain"));

    for (String reader : List.of(adminA, api.token(auditor))) {
      List<JsonObject> seen = AuditPages.all(client, reader);
      assertThat(seen)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.getString("tenantId")).isEqualTo(a));
      assertThat(names(seen)).contains("only-in-a").doesNotContain("only-in-b");
      assertThat(AuditPages.all(client, reader, "tenantId=" + a, 50)).hasSameSizeAs(seen);
      assertProblem(client.get("/api/audit?tenantId=" + b, reader), 403);
    }
    assertProblem(client.get("/api/audit", plain), 403);
    assertProblem(client.get("/api/audit?tenantId=" + a, adminB), 403);

    List<JsonObject> ofB = AuditPages.all(client, root, "tenantId=" + b, 50);
    assertThat(ofB).isNotEmpty().allSatisfy(e -> assertThat(e.getString("tenantId")).isEqualTo(b));
    assertThat(names(ofB)).contains("only-in-b").doesNotContain("only-in-a");
    assertThat(AuditPages.all(client, root))
        .as("a system administrator also reads the system-level events")
        .anySatisfy(e -> assertThat(e.get("tenantId")).isEqualTo(JsonValue.NULL));
  }

  @Test
  void filters_and_cursor_pages_hold_together() {
    String tenant = api.createTenant("paged").getString("id");
    Account adminAccount = api.member(tenant, "admin", "admin");
    String admin = api.token(adminAccount);
    for (int i = 0; i < 7; i++) {
      api.createRole(admin, "paged-" + i);
    }

    List<JsonObject> created = AuditPages.all(client, admin, "action=role.create", 2);
    assertThat(names(created))
        .containsExactly(
            "paged-6", "paged-5", "paged-4", "paged-3", "paged-2", "paged-1", "paged-0");
    List<Instant> times = created.stream().map(e -> Instant.parse(e.getString("at"))).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
    }
    assertThat(AuditPages.all(client, admin, "actorId=" + adminAccount.id(), 3))
        .hasSizeGreaterThanOrEqualTo(7)
        .allSatisfy(
            e ->
                assertThat(e.getJsonObject("actor").getString("userId"))
                    .isEqualTo(adminAccount.id()));
    assertThat(AuditPages.all(client, admin, "actorId=" + UUID.randomUUID(), 10)).isEmpty();
    String since = created.get(2).getString("at");
    assertThat(AuditPages.all(client, admin, "action=role.create&since=" + since, 10))
        .allSatisfy(
            e ->
                assertThat(Instant.parse(e.getString("at"))).isAfterOrEqualTo(Instant.parse(since)))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(AuditPages.all(client, admin, "action=role.create&until=" + since, 10))
        .allSatisfy(
            e -> assertThat(Instant.parse(e.getString("at"))).isBefore(Instant.parse(since)))
        .hasSizeLessThanOrEqualTo(4);
  }

  private static List<String> names(List<JsonObject> events) {
    List<String> names = new ArrayList<>();
    for (JsonObject event : events) {
      JsonValue name = event.getJsonObject("details").get("name");
      if (event.getString("action").equals("role.create") && name != null) {
        names.add(WardenClient.string(name));
      }
    }
    return names;
  }

  private void adminSql(String sql) {
    shared.database().adminExecute(sql);
  }
}
