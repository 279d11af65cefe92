package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.claims;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.testing.MutableClock;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sessions end to end, over HTTP against two instances sharing PostgreSQL and Redis and one clock
 * the test moves: a session ends an hour ({@code WARDEN_SESSION_MAX_SECONDS}) after its login
 * whatever refreshes happen, no access token outlives it, a user lists and ends only sessions of
 * their own, an ended session's tokens stop on both instances (also where they were cached), and
 * the purge removes exactly what has expired. The clock only moves forward, so the tests run in
 * order and each logs in afresh; {@link SessionPurgeTest} reads the database the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionLifetimeTest {
  static final Duration LIFETIME = Duration.ofHours(1);

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private WardenInstance first;
  private WardenInstance second;
  private WardenApi api;
  private WardenApi.Account alice;
  private WardenApi.Account mallory;
  private WardenApi.Account roamer;
  private String elsewhere;

  @BeforeAll
  void start() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.put("WARDEN_SESSION_MAX_SECONDS", Long.toString(LIFETIME.toSeconds()));
    first = WardenInstance.start(shared, env, clock);
    second = WardenInstance.start(shared, env, clock);
    api = new WardenApi(first.client());
    String tenant = api.createTenant("sessions").getString("id");
    alice = api.member(tenant, "alice");
    mallory = api.member(tenant, "mallory");
    roamer = api.member(tenant, "roamer");
    elsewhere = api.createTenant("elsewhere").getString("id");
    api.addMember(elsewhere, roamer);
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : new WardenInstance[] {second, first}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  private static String sessionOf(String accessToken) {
    return claims(accessToken).getString("sid");
  }

  private static Instant expiry(String accessToken) {
    return Instant.ofEpochSecond(claims(accessToken).getJsonNumber("exp").longValue());
  }

  private static int me(WardenClient client, String accessToken) {
    return client.get("/api/me", accessToken).status();
  }

  /** Polls until the instance refuses the token; the other instance's change arrives by message. */
  private static void awaitRefused(WardenClient client, String accessToken) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (me(client, accessToken) != 401) {
      assertThat(System.nanoTime()).as("refused within 5 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  @Order(1)
  void the_list_shows_only_the_callers_live_sessions_on_either_instance() {
    JsonObject phone = api.login(alice);
    JsonObject laptop = api.login(alice);
    JsonObject ended = api.login(alice);
    expect(api.postEmpty("/api/auth/logout", ended.getString("accessToken")), 204);
    api.login(mallory);

    Response listed =
        expect(second.client().get("/api/auth/sessions", phone.getString("accessToken")), 200);

    Map<String, JsonObject> byId = new HashMap<>();
    for (JsonValue value : listed.jsonArray()) {
      byId.put(value.asJsonObject().getString("id"), value.asJsonObject());
    }
    String current = sessionOf(phone.getString("accessToken"));
    assertThat(byId.keySet())
        .containsExactlyInAnyOrder(current, sessionOf(laptop.getString("accessToken")));
    assertThat(byId.get(current).getBoolean("current")).isTrue();
    assertThat(byId.get(sessionOf(laptop.getString("accessToken"))).getBoolean("current"))
        .isFalse();
    Instant created = Instant.parse(byId.get(current).getString("createdAt"));
    assertThat(created).isEqualTo(clock.instant());
    assertThat(Instant.parse(byId.get(current).getString("expiresAt")))
        .isEqualTo(created.plus(LIFETIME));
    assertThat(byId.get(current).get("lastRefreshedAt")).isEqualTo(JsonValue.NULL);
  }

  @Test
  @Order(2)
  void ending_a_session_stops_its_tokens_at_once_on_both_instances_even_when_cached() {
    String phone = api.token(alice);
    JsonObject laptop = api.login(alice);
    String laptopToken = laptop.getString("accessToken");
    // Cached on both instances (L1 of each, and L2) before the session ends.
    assertThat(me(first.client(), laptopToken)).isEqualTo(200);
    assertThat(me(second.client(), laptopToken)).isEqualTo(200);

    expect(first.client().delete("/api/auth/sessions/" + sessionOf(laptopToken), phone), 204);

    assertThat(me(first.client(), laptopToken)).as("the ending instance at once").isEqualTo(401);
    awaitRefused(second.client(), laptopToken);
    assertProblem(refresh(second.client(), laptop.getString("refreshToken")), 401);
    assertThat(me(first.client(), phone)).isEqualTo(200);
    assertThat(me(second.client(), phone)).isEqualTo(200);
    assertProblem(
        second.client().delete("/api/auth/sessions/" + sessionOf(laptopToken), phone), 404);
  }

  @Test
  @Order(3)
  void another_users_session_cannot_be_ended_and_stays_as_it_was() {
    JsonObject victim = api.login(alice);
    String victimToken = victim.getString("accessToken");
    String attacker = api.token(mallory);
    assertThat(me(second.client(), victimToken)).isEqualTo(200);

    for (WardenClient client : List.of(first.client(), second.client())) {
      // The sid is readable in any JWT the attacker gets hold of: knowing it must not be enough.
      JsonObject problem =
          assertProblem(
              client.delete("/api/auth/sessions/" + sessionOf(victimToken), attacker), 404);
      assertThat(problem.toString()).doesNotContain(alice.email(), alice.id());
    }

    assertThat(me(first.client(), victimToken)).isEqualTo(200);
    assertThat(me(second.client(), victimToken)).isEqualTo(200);
    expect(refresh(second.client(), victim.getString("refreshToken")), 200);
    assertThat(
            expect(second.client().get("/api/auth/sessions", attacker), 200).jsonArray().stream()
                .map(v -> v.asJsonObject().getString("id")))
        .doesNotContain(sessionOf(victimToken));
  }

  @Test
  @Order(4)
  void a_refresh_token_of_an_ended_or_reused_session_is_refused_everywhere() {
    JsonObject login = api.login(alice);
    String endedRefresh = login.getString("refreshToken");
    expect(
        first
            .client()
            .delete(
                "/api/auth/sessions/" + sessionOf(login.getString("accessToken")),
                login.getString("accessToken")),
        204);
    assertProblem(refresh(first.client(), endedRefresh), 401);
    assertProblem(refresh(second.client(), endedRefresh), 401);

    // Reuse: the first refresh token spent, then presented again, ends the family.
    JsonObject stolen = api.login(alice);
    JsonObject rotated =
        expect(refresh(first.client(), stolen.getString("refreshToken")), 200).json();
    assertProblem(refresh(second.client(), stolen.getString("refreshToken")), 401);
    assertProblem(refresh(first.client(), rotated.getString("refreshToken")), 401);
    awaitRefused(first.client(), rotated.getString("accessToken"));
    awaitRefused(second.client(), rotated.getString("accessToken"));
    String other = api.token(alice);
    assertThat(
            expect(first.client().get("/api/auth/sessions", other), 200).jsonArray().stream()
                .map(v -> v.asJsonObject().getString("id")))
        .doesNotContain(sessionOf(rotated.getString("accessToken")));
  }

  @Test
  @Order(5)
  void refreshing_never_extends_a_session_and_no_token_outlives_it() {
    JsonObject login = api.login(alice);
    Instant end = clock.instant().plus(LIFETIME);
    String refreshToken = login.getString("refreshToken");
    String accessToken = login.getString("accessToken");
    // Refresh every 10 minutes, alternating instances: the end does not move.
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(10));
      WardenClient client = i % 2 == 0 ? first.client() : second.client();
      JsonObject tokens = expect(refresh(client, refreshToken), 200).json();
      refreshToken = tokens.getString("refreshToken");
      accessToken = tokens.getString("accessToken");
      assertThat(expiry(accessToken)).isBeforeOrEqualTo(end);
    }
    clock.advance(Duration.ofMinutes(5));
    JsonObject last = expect(refresh(second.client(), refreshToken), 200).json();
    accessToken = last.getString("accessToken");
    assertThat(expiry(accessToken)).as("capped at the session's end").isEqualTo(end);
    assertThat(last.getInt("expiresIn")).isEqualTo(300);
    JsonObject listed =
        expect(first.client().get("/api/auth/sessions", accessToken), 200).jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(session -> session.getBoolean("current"))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(listed.getString("expiresAt"))).isEqualTo(end);
    assertThat(Instant.parse(listed.getString("lastRefreshedAt"))).isEqualTo(clock.instant());

    clock.set(end);
    assertProblem(refresh(first.client(), last.getString("refreshToken")), 401);
    assertProblem(refresh(second.client(), last.getString("refreshToken")), 401);
    clock.set(end.plusSeconds(1));
    assertThat(me(first.client(), accessToken)).isEqualTo(401);
    assertThat(me(second.client(), accessToken)).isEqualTo(401);
  }

  @Test
  @Order(6)
  void a_tenant_chosen_late_in_a_session_gets_a_token_that_ends_with_it() {
    JsonObject login = api.login(roamer);
    assertThat(login.get("tenant")).as("two tenants: none chosen").isEqualTo(JsonValue.NULL);
    Instant end = clock.instant().plus(LIFETIME);
    clock.advance(LIFETIME.minus(Duration.ofMinutes(10)));
    String refreshed =
        expect(refresh(second.client(), login.getString("refreshToken")), 200)
            .json()
            .getString("accessToken");
    clock.advance(Duration.ofMinutes(5));

    String scoped = first.client().select(refreshed, elsewhere);

    assertThat(expiry(scoped)).as("not 15 minutes from now: the session ends first").isEqualTo(end);
  }
}
