package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.cache.EventStreamReader.Frame;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/me/events} over two instances of one service: changes are made on the writer,
 * streams are read on the second instance, which learns of them only through its own invalidation
 * feed. Absence is never waited for: a change that must not push anything is followed by one that
 * must, and the first event read must carry the second change's revision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionEventsTest {
  /** Generous: propagation takes milliseconds; only a lost event would take longer. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private WardenInstance writer;
  private WardenInstance second;
  private WardenInstance capped;
  private final MutableClock cappedClock = new MutableClock(Instant.now());
  private Operator operator;
  private Operator cappedOperator;

  @BeforeAll
  void start() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    writer = WardenInstance.start(shared);
    second = WardenInstance.start(shared, Map.of("WARDEN_EVENTS_HEARTBEAT_MS", "100"));
    capped =
        WardenInstance.start(
            shared,
            Map.of(
                "WARDEN_EVENTS_MAX_PER_USER", "2",
                "WARDEN_EVENTS_MAX_CONNECTIONS", "3",
                "WARDEN_EVENTS_HEARTBEAT_MS", "100"),
            cappedClock);
    operator = new Operator(writer.client());
    cappedOperator = new Operator(capped.client());
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : new WardenInstance[] {capped, second, writer}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  @Test
  void aRevocationOnOneInstancePushesPermissionsChangedOnTheOther() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    String permission = operator.newPermission("events");
    Operator.Role role = operator.newRole(tenant, permission);
    String token = Operator.login(second.client(), operator.newMember(tenant, role));
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", token)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");

      operator.revoke(tenant, role, permission);
      long version = writer.components().persistence().dataVersion();

      Frame event = stream.nextEvent(WAIT);
      assertThat(event.event()).isEqualTo("permissions-changed");
      JsonObject data = json(event.data());
      assertThat(data.getString("tenantId")).isEqualTo(tenant.id());
      assertThat(data.getJsonNumber("revision").longValue()).isEqualTo(version);
      assertThat(me(second, token)).doesNotContain(permission);
    }
  }

  @Test
  void changesThatLeaveTheCallersPermissionsAloneSendNothing() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    String held = operator.newPermission("events");
    String other = operator.newPermission("events");
    Operator.Role mine = operator.newRole(tenant, held);
    Operator.Role notMine = operator.newRole(tenant, other);
    Operator.Member member = operator.newMember(tenant, mine);
    Operator.Member someoneElse = operator.newMember(tenant, notMine, mine);
    String token = Operator.login(second.client(), member);
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", token)) {
      assertThat(stream.status()).isEqualTo(200);
      // A role the member does not hold changes (the whole tenant's caches are evicted), another
      // member loses a role, another of the member's own sessions ends: nothing moves for them.
      operator.revoke(tenant, notMine, other);
      operator.unassign(tenant, mine, someoneElse.id());
      operator.logout(Operator.login(writer.client(), member));
      long quietUpTo = writer.components().persistence().dataVersion();

      operator.revoke(tenant, mine, held);
      long version = writer.components().persistence().dataVersion();

      Frame event = stream.nextEvent(WAIT);
      assertThat(event.event()).isEqualTo("permissions-changed");
      long revision = json(event.data()).getJsonNumber("revision").longValue();
      assertThat(revision).isGreaterThan(quietUpTo).isEqualTo(version);
    }
  }

  @Test
  void logoutEndsTheStreamWithSessionEnded() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    String token = Operator.login(second.client(), operator.newMember(tenant));
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", token)) {
      assertThat(stream.status()).isEqualTo(200);
      operator.logout(token);
      assertThat(stream.nextEvent(WAIT)).isEqualTo(new Frame("session-ended", "{}"));
      assertThat(stream.nextEvent(WAIT).event()).isEqualTo(EventStreamReader.END);
    }
  }

  @Test
  void membershipRemovalEndsTheStream() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    Operator.Member member = operator.newMember(tenant);
    String token = Operator.login(second.client(), member);
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", token)) {
      assertThat(stream.status()).isEqualTo(200);
      operator.removeMember(tenant, member.id());
      assertThat(stream.nextEvent(WAIT).event()).isEqualTo("session-ended");
    }
  }

  @Test
  void heartbeatsArrive() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    String token = Operator.login(second.client(), operator.newMember(tenant));
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", token)) {
      assertThat(stream.nextFrame(WAIT)).isEqualTo(new Frame(":", "connected"));
      assertThat(stream.nextFrame(WAIT)).isEqualTo(new Frame(":", "heartbeat"));
    }
  }

  @Test
  void aTicketOpensOneStreamOnAnyInstanceOnce() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    String permission = operator.newPermission("events");
    Operator.Role role = operator.newRole(tenant, permission);
    String token = Operator.login(writer.client(), operator.newMember(tenant, role));
    Response issued = writer.client().post("/api/me/events/ticket", token, "{}");
    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.header("Cache-Control")).contains("no-store");
    assertThat(issued.json().getInt("expiresIn")).isEqualTo(30);
    String ticket = issued.json().getString("ticket");
    assertThat(ticket).isNotEqualTo(token).doesNotContain(".");

    try (EventStreamReader stream =
        EventStreamReader.open(baseUrl(second), "?ticket=" + ticket, null)) {
      assertThat(stream.status()).isEqualTo(200);
      operator.revoke(tenant, role, permission);
      assertThat(stream.nextEvent(WAIT).event()).isEqualTo("permissions-changed");
    }
    assertUnauthorized(baseUrl(writer), "?ticket=" + ticket);
    assertUnauthorized(baseUrl(second), "?ticket=" + ticket);
  }

  @Test
  void badTicketsAndTokensAreRefusedWithProblems() throws Exception {
    assertUnauthorized(baseUrl(second), "?ticket=not-a-ticket-at-all");
    assertUnauthorized(baseUrl(second), "?ticket=%3Cscript%3E");
    assertUnauthorized(baseUrl(second), "");
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", "forged.token.x")) {
      assertThat(stream.status()).isEqualTo(401);
    }
    // A token of no tenant has no permissions to follow.
    String unscoped =
        writer.client().token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD);
    assertProblem(writer.client().post("/api/me/events/ticket", unscoped, "{}"), 403);
    try (EventStreamReader stream = EventStreamReader.open(baseUrl(second), "", unscoped)) {
      assertThat(stream.status()).isEqualTo(403);
    }
    assertProblem(writer.client().post("/api/me/events/ticket", null, "{}"), 401);
    // Ticket and token together: which caller would it be?
    String scoped = Operator.login(writer.client(), operator.newMember(operator.newTenant()));
    String ticket = ticket(writer, scoped);
    try (EventStreamReader both =
        EventStreamReader.open(baseUrl(second), "?ticket=" + ticket, scoped)) {
      assertThat(both.status()).isEqualTo(400);
    }
  }

  @Test
  void aTicketDiesWithItsSessionAndIsBoundToItsTenant() throws Exception {
    Operator.Tenant tenant = operator.newTenant();
    Operator.Tenant otherTenant = operator.newTenant();
    Operator.Role otherRole = operator.newRole(otherTenant, operator.newPermission("events"));
    Operator.Member member = operator.newMember(tenant);
    String token = Operator.login(writer.client(), member);
    String ticket = ticket(writer, token);
    operator.logout(token);
    assertUnauthorized(baseUrl(second), "?ticket=" + ticket);

    // The stream of a ticket follows the ticket's tenant only, even once the user joins another.
    String bound = ticket(writer, Operator.login(writer.client(), member));
    try (EventStreamReader stream =
        EventStreamReader.open(baseUrl(second), "?ticket=" + bound, null)) {
      assertThat(stream.status()).isEqualTo(200);
      join(otherTenant, member, otherRole);
      operator.removeMember(tenant, member.id());
      assertThat(stream.nextEvent(WAIT).event()).isEqualTo("session-ended");
    }
  }

  @Test
  void anExpiredTicketIsRefused() throws Exception {
    Operator.Tenant tenant = cappedOperator.newTenant();
    String token = Operator.login(capped.client(), cappedOperator.newMember(tenant));
    String ticket = ticket(capped, token);
    cappedClock.advance(Duration.ofSeconds(31));
    assertUnauthorized(baseUrl(capped), "?ticket=" + ticket);
  }

  @Test
  void streamsAreCappedPerUserAndPerInstance() throws Exception {
    Operator.Tenant tenant = cappedOperator.newTenant();
    String first = Operator.login(capped.client(), cappedOperator.newMember(tenant));
    String second = Operator.login(capped.client(), cappedOperator.newMember(tenant));
    String third = Operator.login(capped.client(), cappedOperator.newMember(tenant));
    try (EventStreamReader a = EventStreamReader.open(baseUrl(capped), "", first);
        EventStreamReader b = EventStreamReader.open(baseUrl(capped), "", first)) {
      assertThat(a.status()).isEqualTo(200);
      assertThat(b.status()).isEqualTo(200);
      try (EventStreamReader refused = EventStreamReader.open(baseUrl(capped), "", first)) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
      }
      try (EventStreamReader c = EventStreamReader.open(baseUrl(capped), "", second);
          EventStreamReader full = EventStreamReader.open(baseUrl(capped), "", third)) {
        assertThat(c.status()).isEqualTo(200);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.contentType()).startsWith("application/problem+json");
      }
    }
  }

  private void join(Operator.Tenant tenant, Operator.Member member, Operator.Role role) {
    Response added =
        writer
            .client()
            .post(
                "/api/admin/tenants/" + tenant.id() + "/members",
                writer.client().token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD),
                Json.createObjectBuilder()
                    .add("userId", member.id())
                    .add("roles", Json.createArrayBuilder().add(role.name()))
                    .build()
                    .toString());
    assertThat(added.status()).isEqualTo(201);
  }

  private static String ticket(WardenInstance on, String token) {
    Response issued = on.client().post("/api/me/events/ticket", token, "{}");
    assertThat(issued.status()).isEqualTo(201);
    return issued.json().getString("ticket");
  }

  private static void assertUnauthorized(String baseUrl, String query) throws Exception {
    try (EventStreamReader stream = EventStreamReader.open(baseUrl, query, null)) {
      assertThat(stream.status()).isEqualTo(401);
      assertThat(stream.contentType()).startsWith("application/problem+json");
      assertThat(json(stream.body()).getInt("status")).isEqualTo(401);
    }
  }

  private static void assertProblem(Response response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  private static String me(WardenInstance on, String token) {
    return on.client().get("/api/me", token).body();
  }

  private static String baseUrl(WardenInstance instance) {
    return instance.client().baseUrl();
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
