package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.claims;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.SessionPurgeUseCase.Purged;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.testing.MutableClock;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The session purge against a real PostgreSQL database: what has expired or ended is gone, and
 * exactly that: every live session, every refresh token of one that has not expired and every
 * revoked id whose token could still be presented stays. The instance also purges on its own
 * schedule (every second here); the assertions read the database, so either purge may have done the
 * work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionPurgeTest {
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private WardenInstance.Shared shared;
  private WardenInstance warden;
  private WardenApi api;
  private WardenApi.Account user;

  @BeforeAll
  void start() {
    shared = WardenInstance.Shared.fresh();
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.put("WARDEN_SESSION_MAX_SECONDS", Long.toString(LIFETIME.toSeconds()));
    env.put("WARDEN_SESSION_PURGE_INTERVAL_SECONDS", "1");
    warden = WardenInstance.start(shared, env, clock);
    api = new WardenApi(warden.client());
    user = api.member(api.createTenant("purge").getString("id"), "purged");
  }

  @AfterAll
  void stop() {
    if (warden != null) {
      warden.close();
    }
  }

  @Test
  void the_purge_removes_exactly_what_has_expired_or_ended() throws Exception {
    JsonObject old = api.login(user);
    JsonObject loggedOut = api.login(user);
    String loggedOutToken = loggedOut.getString("accessToken");
    expect(api.postEmpty("/api/auth/logout", loggedOutToken), 204);
    clock.advance(Duration.ofMinutes(50));
    JsonObject live = api.login(user);
    clock.advance(Duration.ofMinutes(15));
    // Now: the first session has ended (1 h), the logged-out one was revoked, its token id's
    // token has expired (15 min); the third session is live.
    Instant now = clock.instant();
    Set<String> liveSessions =
        strings("SELECT id FROM sessions WHERE revoked_at IS NULL AND expires_at > ?", now);
    Set<String> standingRefreshTokens =
        strings(
            "SELECT t.token_hash FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id"
                + " WHERE t.expires_at > ? AND s.revoked_at IS NULL AND s.expires_at > ?",
            now,
            now);
    Set<String> standingRevokedIds =
        strings("SELECT jti FROM revoked_tokens WHERE expires_at > ?", now);
    assertThat(liveSessions).contains(sessionOf(live)).doesNotContain(sessionOf(old));
    assertThat(standingRefreshTokens).contains(sha256Hex(live.getString("refreshToken")));

    warden.components().useCases().sessionPurge().purge();

    assertThat(strings("SELECT id FROM sessions")).isEqualTo(liveSessions);
    assertThat(strings("SELECT token_hash FROM refresh_tokens")).isEqualTo(standingRefreshTokens);
    assertThat(strings("SELECT jti FROM revoked_tokens")).isEqualTo(standingRevokedIds);
    assertThat(strings("SELECT jti FROM revoked_tokens"))
        .doesNotContain(claims(loggedOutToken).getString("jti"));
    assertThat(warden.components().useCases().sessionPurge().purge())
        .as("nothing left to purge")
        .isEqualTo(new Purged(0, 0, 0));

    // What was purged stays refused; what stayed works.
    assertProblem(api.refresh(old.getString("refreshToken")), 401);
    assertProblem(api.refresh(loggedOut.getString("refreshToken")), 401);
    assertThat(warden.client().get("/api/me", loggedOutToken).status()).isEqualTo(401);
    expect(api.refresh(live.getString("refreshToken")), 200);
  }

  @Test
  void the_instance_purges_on_its_own_schedule() throws Exception {
    JsonObject login = api.login(user);
    String session = sessionOf(login);
    expect(api.postEmpty("/api/auth/logout", login.getString("accessToken")), 204);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!strings("SELECT id FROM sessions WHERE id = ?", session).isEmpty()) {
      assertThat(System.nanoTime()).as("purged within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static String sessionOf(JsonObject login) {
    return claims(login.getString("accessToken")).getString("sid");
  }

  private Set<String> strings(String sql, Object... parameters) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Connection admin = shared.database().connectAsAdmin();
        PreparedStatement statement = admin.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        Object parameter = parameters[i];
        statement.setObject(
            i + 1,
            parameter instanceof Instant at
                ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC)
                : parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }

  private static String sha256Hex(String token) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
