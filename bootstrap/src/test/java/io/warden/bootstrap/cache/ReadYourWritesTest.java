package io.warden.bootstrap.cache;

import static io.warden.bootstrap.cache.Operator.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-your-writes across instances (issue #14) over HTTP, on instances sharing PostgreSQL and
 * Redis: every change answers {@code Warden-Revision}, and a check, batch check, {@code /api/me} or
 * explain sent with it as {@code Warden-Min-Revision} to another instance reflects the change — at
 * once, even when that instance's invalidation feed is down and its L1 still holds the old answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesTest {
  private WardenInstance writer;
  private WardenInstance reader;
  private WardenInstance deaf;
  private Operator operator;
  private Operator.Tenant tenant;
  private String permission;

  @BeforeAll
  void start() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    writer = WardenInstance.start(shared);
    reader = WardenInstance.start(shared);
    // Its feed goes down below; the Redis channel stays off and L1 entries are trusted for a
    // minute, so only Warden-Min-Revision can make it see a change.
    deaf =
        WardenInstance.start(
            shared,
            Map.of(
                "WARDEN_CACHE_STALENESS_BOUND_MS", "60000",
                "WARDEN_CACHE_WITNESS_MAX_MS", "0",
                "WARDEN_MIN_REVISION_WAIT_MS", "50"));
    operator = new Operator(writer.client());
    tenant = operator.newTenant();
    permission = operator.newPermission("ryw");
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : new WardenInstance[] {deaf, reader, writer}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  /** The revision a change answered; fails unless the change succeeded with a 204. */
  private static long revisionOf(Response change) {
    Response answer = expect(204, change);
    String revision =
        answer
            .header("Warden-Revision")
            .orElseThrow(() -> new AssertionError("no Warden-Revision on " + answer));
    return Long.parseLong(revision);
  }

  private static Map<String, String> atLeast(long revision) {
    return Map.of("Warden-Min-Revision", Long.toString(revision));
  }

  private Response check(WardenClient on, String userId, Map<String, String> headers) {
    String body =
        Json.createObjectBuilder()
            .add("permission", permission)
            .add("userId", userId)
            .build()
            .toString();
    return on.send("POST", "/api/authz/check", tenant.adminToken(), body, headers);
  }

  private boolean allowed(WardenClient on, String userId, Map<String, String> headers) {
    return expect(200, check(on, userId, headers)).json().getBoolean("allowed");
  }

  @Test
  void every_change_answers_its_revision_and_reads_answer_none() {
    Operator.Role role = operator.newRole(tenant);
    Operator.Member member = operator.newMember(tenant, role);
    WardenClient client = writer.client();
    String path = "/api/roles/" + role.id() + "/permissions/" + permission;

    long granted = revisionOf(client.post(path, tenant.adminToken(), "{}"));
    long revoked = revisionOf(client.delete(path, tenant.adminToken()));
    Response login = client.login(member.email(), Operator.PASSWORD);
    Response read = check(client, member.id(), Map.of());

    assertThat(revoked).as("a later change, a later revision").isGreaterThan(granted);
    assertThat(login.header("Warden-Revision"))
        .as("a login changes nothing an answer depends on")
        .isEmpty();
    assertThat(read.header("Warden-Revision")).isEmpty();
    assertThat(allowed(client, member.id(), atLeast(revoked))).isFalse();
  }

  @Test
  void another_instance_answers_every_change_at_once_given_its_revision() {
    Operator.Role role = operator.newRole(tenant);
    Operator.Member member = operator.newMember(tenant, role);
    String token = Operator.login(reader.client(), member);
    String path = "/api/roles/" + role.id() + "/permissions/" + permission;
    for (int round = 0; round < 20; round++) {
      boolean grant = round % 2 == 0;
      // The reader holds the previous answer in L1 when the change is made.
      assertThat(allowed(reader.client(), member.id(), Map.of())).isEqualTo(!grant);
      long revision =
          revisionOf(
              grant
                  ? writer.client().post(path, tenant.adminToken(), "{}")
                  : writer.client().delete(path, tenant.adminToken()));

      assertThat(allowed(reader.client(), member.id(), atLeast(revision)))
          .as("round %d", round)
          .isEqualTo(grant);
      Response me =
          expect(200, reader.client().send("GET", "/api/me", token, null, atLeast(revision)));
      assertThat(me.json().getJsonArray("permissions").toString().contains('"' + permission + '"'))
          .isEqualTo(grant);
    }
  }

  @Test
  void an_instance_whose_feed_is_down_reads_postgres_for_a_revision_it_has_not_applied() {
    Operator.Role role = operator.newRole(tenant, permission);
    Operator.Member member = operator.newMember(tenant, role);
    String token = Operator.login(deaf.client(), member);
    WardenClient client = deaf.client();
    assertThat(allowed(client, member.id(), Map.of())).isTrue();
    // Its L1 now holds "allowed"; from here on it hears of no change by itself.
    deaf.components().listener().close();
    long revoked =
        revisionOf(
            writer
                .client()
                .delete(
                    "/api/roles/" + role.id() + "/permissions/" + permission, tenant.adminToken()));

    assertThat(allowed(client, member.id(), Map.of()))
        .as("without the header, the old answer within the staleness bound: the gap")
        .isTrue();
    assertThat(allowed(client, member.id(), atLeast(revoked))).isFalse();
    Response explained =
        expect(
            200,
            client.send(
                "GET",
                "/api/authz/explain?permission=" + permission + "&userId=" + member.id(),
                tenant.adminToken(),
                null,
                atLeast(revoked)));
    assertThat(explained.json().getBoolean("allowed")).isFalse();
    assertThat(explained.json().getString("servedBy")).isEqualTo("database");
    Response batch =
        expect(
            200,
            client.send(
                "POST",
                "/api/authz/check-batch",
                token,
                CheckPath.batchBody(permission),
                atLeast(revoked)));
    assertThat(batch.json().getJsonArray("results").getJsonObject(0).getBoolean("allowed"))
        .isFalse();
    Response me = expect(200, client.send("GET", "/api/me", token, null, atLeast(revoked)));
    assertThat(me.json().getJsonArray("permissions").toString()).doesNotContain(permission);
    assertThat(allowed(client, member.id(), atLeast(revoked)))
        .as("still so on the next request: no entry older than the revision was stored")
        .isFalse();
  }

  @Test
  void a_revision_ahead_of_every_change_is_refused_and_changes_nothing() {
    Operator.Role role = operator.newRole(tenant, permission);
    Operator.Member member = operator.newMember(tenant);
    long current =
        revisionOf(
            writer
                .client()
                .post(
                    "/api/roles/" + role.id() + "/users/" + member.id(),
                    tenant.adminToken(),
                    "{}"));

    Response ahead = check(reader.client(), member.id(), atLeast(current + 1_000_000));

    assertThat(ahead.status()).isEqualTo(400);
    assertThat(ahead.contentType()).startsWith("application/problem+json");
    assertThat(ahead.body()).contains("Warden-Min-Revision");
    assertThat(allowed(reader.client(), member.id(), atLeast(current))).isTrue();
  }

  @Test
  void a_malformed_revision_is_a_problem() {
    Operator.Member member = operator.newMember(tenant);
    for (String bad :
        new String[] {"", "-1", "abc", "1.5", "0x10", " 1 2", "99999999999999999999", "+5"}) {
      Response answer = check(reader.client(), member.id(), Map.of("Warden-Min-Revision", bad));
      assertThat(answer.status()).as("'%s'", bad).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
  }
}
