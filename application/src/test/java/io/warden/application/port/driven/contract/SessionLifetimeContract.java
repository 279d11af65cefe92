package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.LiveSession;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionRepository} must do about a session's lifetime: it ends at the instant
 * set when it was created, only live sessions are listed, a user can end only a live session of
 * their own, and the purge deletes exactly what has expired or ended, in bounded batches.
 */
public abstract class SessionLifetimeContract extends StorageContract {
  private static final Instant END = NOW.plus(Duration.ofDays(7));

  /**
   * Far before every other test's data: a purge up to here can only meet this contract's purge
   * test's rows, even when every test shares one database.
   */
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));

  private SessionRepository sessions() {
    return storage().sessions();
  }

  private String newSession(UserId user, Instant createdAt, Instant end) {
    String id = "sid-" + unique();
    acrossDo(() -> sessions().createSession(id, user, createdAt, end));
    return id;
  }

  private String newRefreshToken(String session, Instant expiresAt) {
    String hash = "hash-" + unique();
    acrossDo(() -> sessions().storeRefreshToken(hash, session, Optional.empty(), expiresAt));
    return hash;
  }

  private boolean sessionRevoked(UserId user, String session) {
    return across(() -> sessions().state(user, session, "j", Optional.empty()))
        .map(SessionState::sessionRevoked)
        .orElse(true);
  }

  @Test
  public void a_session_knows_when_it_ends_and_its_refresh_tokens_carry_it() {
    UserId user = newUser();
    String session = newSession(user, NOW, END);
    String hash = newRefreshToken(session, NOW.plus(Duration.ofDays(1)));

    assertThat(across(() -> sessions().sessionExpiry(session))).contains(END);
    assertThat(across(() -> sessions().sessionExpiry("sid-unknown-" + unique()))).isEmpty();
    assertThat(across(() -> sessions().spend(hash, NOW)).orElseThrow().sessionExpiresAt())
        .isEqualTo(END);
  }

  @Test
  public void the_live_sessions_of_a_user_are_theirs_unrevoked_and_unended_newest_first() {
    UserId user = newUser();
    UserId other = newUser();
    String older = newSession(user, NOW.minus(Duration.ofHours(2)), END);
    String newer = newSession(user, NOW.minus(Duration.ofHours(1)), END);
    String revoked = newSession(user, NOW, END);
    String ended = newSession(user, NOW.minus(Duration.ofDays(8)), NOW);
    newSession(other, NOW, END);
    Instant refreshed = NOW.minus(Duration.ofMinutes(5));
    acrossDo(() -> sessions().markRefreshed(older, refreshed));
    acrossDo(() -> sessions().revokeSession(revoked, NOW));

    List<LiveSession> live = across(() -> sessions().liveSessions(user, NOW));

    assertThat(live)
        .containsExactly(
            new LiveSession(newer, NOW.minus(Duration.ofHours(1)), Optional.empty(), END),
            new LiveSession(older, NOW.minus(Duration.ofHours(2)), Optional.of(refreshed), END));
    assertThat(live).extracting(LiveSession::id).doesNotContain(revoked, ended);
  }

  @Test
  public void a_user_ends_a_live_session_of_their_own_and_nothing_else() {
    UserId user = newUser();
    UserId other = newUser();
    String mine = newSession(user, NOW, END);
    String theirs = newSession(other, NOW, END);
    String over = newSession(user, NOW.minus(Duration.ofDays(8)), NOW);

    assertThat(across(() -> sessions().endSession(user, theirs, NOW))).isFalse();
    assertThat(across(() -> sessions().endSession(user, "sid-unknown-" + unique(), NOW))).isFalse();
    assertThat(across(() -> sessions().endSession(user, over, NOW))).isFalse();
    assertThat(sessionRevoked(other, theirs)).isFalse();
    assertThat(across(() -> sessions().liveSessions(other, NOW))).hasSize(1);

    assertThat(across(() -> sessions().endSession(user, mine, NOW))).isTrue();
    assertThat(sessionRevoked(user, mine)).isTrue();
    assertThat(across(() -> sessions().endSession(user, mine, NOW))).as("already ended").isFalse();
    assertThat(across(() -> sessions().liveSessions(user, NOW))).isEmpty();
  }

  @Test
  public void the_purge_deletes_exactly_what_expired_or_ended_in_batches() {
    UserId user = newUser();
    Instant cutoff = LONG_AGO;
    Instant before = cutoff.minus(Duration.ofHours(1));
    Instant after = cutoff.plus(Duration.ofHours(1));
    // A live session with expired and unexpired refresh tokens.
    String live = newSession(user, before.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    List<String> expired =
        List.of(
            newRefreshToken(live, before),
            newRefreshToken(live, before),
            newRefreshToken(live, cutoff));
    String standing = newRefreshToken(live, after);
    // An ended session, a session revoked before the cutoff and one revoked after it.
    String ended = newSession(user, before.minus(Duration.ofDays(7)), before);
    String endedsToken = newRefreshToken(ended, NOW.plus(Duration.ofDays(1)));
    String revokedEarly = newSession(user, before.minus(Duration.ofDays(1)), END);
    acrossDo(() -> sessions().revokeSession(revokedEarly, before));
    String revokedLate = newSession(user, before.minus(Duration.ofDays(1)), END);
    acrossDo(() -> sessions().revokeSession(revokedLate, after));
    String oldTokenId = "jti-" + unique();
    String newTokenId = "jti-" + unique();
    acrossDo(() -> sessions().revokeToken(oldTokenId, before));
    acrossDo(() -> sessions().revokeToken(newTokenId, after));

    assertThat(across(() -> sessions().purgeExpiredRefreshTokens(cutoff, 2))).isEqualTo(2);
    assertThat(across(() -> sessions().purgeExpiredRefreshTokens(cutoff, 2))).isEqualTo(1);
    assertThat(across(() -> sessions().purgeExpiredRefreshTokens(cutoff, 2))).isZero();
    assertThat(across(() -> sessions().purgeExpiredTokenIds(cutoff, 10))).isEqualTo(1);
    assertThat(across(() -> sessions().purgeEndedSessions(cutoff, 10))).isEqualTo(2);

    for (String hash : expired) {
      assertThat(across(() -> sessions().spend(hash, NOW))).as("expired token").isEmpty();
    }
    assertThat(across(() -> sessions().spend(endedsToken, NOW))).as("ended's token").isEmpty();
    assertThat(across(() -> sessions().spend(standing, NOW))).isPresent();
    assertThat(across(() -> sessions().sessionExpiry(live))).isPresent();
    assertThat(across(() -> sessions().sessionExpiry(ended))).isEmpty();
    assertThat(across(() -> sessions().sessionExpiry(revokedEarly))).isEmpty();
    assertThat(across(() -> sessions().sessionExpiry(revokedLate))).isPresent();
    assertThat(sessionRevoked(user, revokedEarly))
        .as("a deleted session reads as revoked")
        .isTrue();
    SessionState state =
        across(() -> sessions().state(user, live, newTokenId, Optional.empty())).orElseThrow();
    assertThat(state.tokenRevoked()).as("a revoked id not yet expired stays").isTrue();
    assertThat(
            across(() -> sessions().state(user, live, oldTokenId, Optional.empty()))
                .orElseThrow()
                .tokenRevoked())
        .isFalse();
  }
}
