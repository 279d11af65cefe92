package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SessionRepository.LiveSession;
import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.TemporalUnitOffset;
import org.assertj.core.data.TemporalUnitWithinOffset;
import org.junit.jupiter.api.Test;

/**
 * Changeset 030 on a database of the previous release: a session opened before it ends 7 days after
 * its login, and a row inserted the old way (no end given, as an instance of the previous release
 * still running during a rolling upgrade does) gets an end 7 days on instead of failing. The
 * application role can delete sessions, which the purge needs.
 */
class SessionLifetimeUpgradeTest {
  @Test
  void sessions_of_the_previous_release_get_the_default_lifetime() throws Exception {
    UpgradeFixture old = UpgradeFixture.migratedTo(UpgradeFixture.PREVIOUS_RELEASE);
    UserId user = UserId.random();
    Instant login = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    old.insertUser(user);
    old.update(
        "INSERT INTO sessions (id, user_id, created_at) VALUES ('before-030', ?, ?)",
        user.value(),
        OffsetDateTime.ofInstant(login, ZoneOffset.UTC));

    try (PostgresPersistence upgraded = old.upgrade()) {
      Transactions tx = upgraded.transactions();
      assertThat(tx.acrossTenants(() -> upgraded.sessions().sessionExpiry("before-030")))
          .contains(login.plus(Duration.ofDays(7)));
      List<LiveSession> live =
          tx.acrossTenants(() -> upgraded.sessions().liveSessions(user, Instant.now()));
      assertThat(live)
          .containsExactly(
              new LiveSession(
                  "before-030", login, Optional.empty(), login.plus(Duration.ofDays(7))));

      old.update(
          "INSERT INTO sessions (id, user_id, created_at) VALUES ('old-instance', ?, now())",
          user.value());
      Instant end =
          tx.acrossTenants(() -> upgraded.sessions().sessionExpiry("old-instance")).orElseThrow();
      assertThat(end).isCloseTo(Instant.now().plus(Duration.ofDays(7)), within());

      // The purge runs as the application role: it may delete sessions.
      int purged =
          tx.acrossTenants(
              () ->
                  upgraded
                      .sessions()
                      .purgeEndedSessions(Instant.now().plus(Duration.ofDays(8)), 10));
      assertThat(purged).isEqualTo(2);
    }
  }

  private static TemporalUnitOffset within() {
    return new TemporalUnitWithinOffset(1, ChronoUnit.MINUTES);
  }
}
