package io.warden.application.service;

import static io.warden.application.service.ChangeAssertions.assertJournaledAndAnnouncedAfterCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.DrivenPorts.Observation;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.SessionManagementUseCase;
import io.warden.application.port.driving.SessionManagementUseCase.SessionView;
import io.warden.application.port.driving.SessionPurgeUseCase.Purged;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions end at their absolute lifetime whatever refreshes happen, no token outlives its session,
 * a user lists and ends only sessions of their own, and the purge deletes what is over. Over the
 * in-memory fakes; the same against PostgreSQL and Redis is in bootstrap's SessionLifetimeTest.
 */
class SessionLifetimeTest {
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final Duration ACCESS_TTL = Duration.ofMinutes(15);

  private final MutableClock clock = new MutableClock(InMemoryWarden.START);
  private final InMemoryWarden warden =
      new InMemoryWarden(
          clock,
          new ServiceSettings(
              ACCESS_TTL,
              Duration.ofHours(1),
              ServiceSettings.DEFAULT_WARM_BATCH_SIZE,
              LIFETIME,
              ServiceSettings.DEFAULT_INVITATION_TTL),
          Observation.NONE);
  private final SessionManagementUseCase sessions = warden.useCases().sessionManagement();
  private User alice;

  @BeforeEach
  void setUp() {
    Tenant acme = warden.createTenant("acme");
    alice = warden.createUser("alice@example.com");
    warden.addMember(acme, alice);
    warden.createUser("bob@example.com");
  }

  private TokenPair refreshed(String refreshToken) {
    RefreshResult result = warden.tokenRefresh().refresh(refreshToken);
    assertThat(result).isInstanceOf(RefreshResult.Refreshed.class);
    return ((RefreshResult.Refreshed) result).tokens();
  }

  private AccessClaims claims(TokenPair tokens) {
    return warden.tokenCodec().claimsOf(tokens.accessToken()).orElseThrow();
  }

  @Test
  void refreshing_never_extends_a_session_and_no_access_token_outlives_it() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    Instant end = InMemoryWarden.START.plus(LIFETIME);

    // Refresh every 10 minutes: the session still ends two hours after the login.
    while (clock.instant().plus(ACCESS_TTL).isBefore(end)) {
      clock.advance(Duration.ofMinutes(10));
      tokens = refreshed(tokens.refreshToken());
      assertThat(claims(tokens).expiresAt()).isBeforeOrEqualTo(end);
    }
    clock.set(end.minus(Duration.ofMinutes(5)));
    tokens = refreshed(tokens.refreshToken());
    assertThat(claims(tokens).expiresAt()).as("capped at the session's end").isEqualTo(end);
    assertThat(tokens.expiresInSeconds()).isEqualTo(Duration.ofMinutes(5).toSeconds());

    clock.set(end);
    assertThat(warden.tokenRefresh().refresh(tokens.refreshToken()))
        .as("refused at the session's end although the refresh token is younger than its ttl")
        .isInstanceOf(RefreshResult.Refused.class);
    String access = tokens.accessToken();
    assertThatThrownBy(() -> warden.caller(access)).isInstanceOf(Unauthenticated.class);
  }

  @Test
  void listing_shows_the_callers_live_sessions_and_marks_the_current_one() {
    Caller first = warden.login("alice@example.com");
    clock.advance(Duration.ofMinutes(1));
    TokenPair second = warden.loginResult("alice@example.com").tokens();
    clock.advance(Duration.ofMinutes(1));
    Caller ended = warden.login("alice@example.com");
    warden.logout().logout(ended);
    warden.login("bob@example.com");
    clock.advance(Duration.ofMinutes(1));
    refreshed(second.refreshToken());

    List<SessionView> listed = sessions.sessionsOf(first);

    Caller secondCaller = warden.authenticate(second);
    assertThat(listed)
        .containsExactly(
            new SessionView(
                secondCaller.sessionId(),
                InMemoryWarden.START.plus(Duration.ofMinutes(1)),
                Optional.of(InMemoryWarden.START.plus(Duration.ofMinutes(3))),
                InMemoryWarden.START.plus(Duration.ofMinutes(1)).plus(LIFETIME),
                false),
            new SessionView(
                first.sessionId(),
                InMemoryWarden.START,
                Optional.empty(),
                InMemoryWarden.START.plus(LIFETIME),
                true));
    clock.set(InMemoryWarden.START.plus(LIFETIME));
    assertThat(sessions.sessionsOf(secondCaller))
        .extracting(SessionView::id)
        .containsExactly(secondCaller.sessionId());
  }

  @Test
  void ending_a_session_stops_its_tokens_and_is_announced_for_every_instance() {
    TokenPair phoneTokens = warden.loginResult("alice@example.com").tokens();
    Caller phone = warden.authenticate(phoneTokens);
    TokenPair laptop = warden.loginResult("alice@example.com").tokens();
    Caller laptopCaller = warden.authenticate(laptop);
    warden.invalidation().clear();

    sessions.end(phone, laptopCaller.sessionId());

    assertJournaledAndAnnouncedAfterCommit(
        warden,
        new RbacEvent.SessionRevoked(alice.id()),
        new InvalidationScope.WholeUser(alice.id()));
    assertThatThrownBy(() -> warden.caller(laptop.accessToken()))
        .isInstanceOf(Unauthenticated.class);
    assertThat(warden.tokenRefresh().refresh(laptop.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
    assertThat(warden.caller(phoneTokens.accessToken()).sessionId()).isEqualTo(phone.sessionId());
    assertThat(refreshed(phoneTokens.refreshToken())).isNotNull();

    // Ending the session the token belongs to ends that token too.
    sessions.end(phone, phone.sessionId());
    assertThatThrownBy(() -> warden.caller(phoneTokens.accessToken()))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void another_users_session_an_unknown_one_or_an_ended_one_is_not_found_and_unchanged() {
    Caller alices = warden.login("alice@example.com");
    TokenPair bobs = warden.loginResult("bob@example.com").tokens();
    Caller bob = warden.authenticate(bobs);
    int events = warden.store().journal().size();

    assertThatThrownBy(() -> sessions.end(alices, bob.sessionId())).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> sessions.end(alices, "AAAAAAAAAAAAAAAAAAAAAA"))
        .isInstanceOf(NotFound.class);
    warden.logout().logout(warden.login("alice@example.com"));

    assertThat(warden.caller(bobs.accessToken()).sessionId()).isEqualTo(bob.sessionId());
    assertThat(refreshed(bobs.refreshToken())).isNotNull();
    assertThat(warden.store().journal()).as("only the logout's").hasSize(events + 1);
  }

  @Test
  void a_malformed_session_id_is_a_bad_value() {
    Caller caller = warden.login("alice@example.com");

    for (String bad :
        List.of("", "short", "A".repeat(23), "AAAAAAAAAAAAAAAAAAAAA/", "A".repeat(200))) {
      assertThatThrownBy(() -> sessions.end(caller, bad)).isInstanceOf(InvalidValueException.class);
    }
  }

  @Test
  void the_purge_deletes_ended_sessions_expired_tokens_and_old_revoked_ids() {
    TokenPair ends = warden.loginResult("alice@example.com").tokens();
    Caller revoked = warden.login("alice@example.com");
    warden.logout().logout(revoked);
    clock.advance(Duration.ofMinutes(30));
    Caller live = warden.login("alice@example.com");
    refreshed(ends.refreshToken());

    // At 80 minutes: the logged-out session is gone (with its refresh token), so is its revoked
    // token id (expired after 15 minutes) and the first session's spent refresh token (expired
    // after an hour, like the refresh token of the fixtures' system-administrator login at the
    // start); the first session (ending at 2 h) and the live one stay.
    clock.advance(Duration.ofMinutes(50));
    Purged purged = warden.useCases().sessionPurge().purge();

    assertThat(purged).isEqualTo(new Purged(2, 1, 1));
    assertThat(sessions.sessionsOf(live)).hasSize(2);
    clock.advance(Duration.ofMinutes(41));
    assertThat(warden.useCases().sessionPurge().purge().sessions())
        .as("the first session and the system administrator's, both over at 2 h")
        .isEqualTo(2);
    assertThat(sessions.sessionsOf(live))
        .extracting(SessionView::id)
        .containsExactly(live.sessionId());
  }
}
