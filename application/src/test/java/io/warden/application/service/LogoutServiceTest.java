package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.domain.event.RbacEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logging out of one session or of all of them. */
class LogoutServiceTest extends AuthenticationFixture {
  @Test
  void logout_ends_this_session_only() {
    TokenPair mine = loggedIn("alice@example.com").tokens();
    TokenPair other = loggedIn("alice@example.com").tokens();

    logout.logout(caller(mine.accessToken()));

    assertThat(requests.authenticate(mine.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
    assertThat(refreshes.refresh(mine.refreshToken())).isInstanceOf(RefreshResult.Refused.class);
    assertThat(caller(other.accessToken()).userId()).isEqualTo(alice.id());
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.SessionRevoked(alice.id()));
  }

  @Test
  void logout_all_ends_every_session_but_a_new_login_in_the_same_second_works() {
    TokenPair one = loggedIn("alice@example.com").tokens();
    TokenPair two = loggedIn("alice@example.com").tokens();
    warden.clock().advance(Duration.ofMillis(400));

    logout.logoutAll(caller(one.accessToken()));

    for (TokenPair tokens : List.of(one, two)) {
      assertThat(requests.authenticate(tokens.accessToken()))
          .isInstanceOf(Authentication.Rejected.class);
      assertThat(refreshes.refresh(tokens.refreshToken()))
          .isInstanceOf(RefreshResult.Refused.class);
    }
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.AllSessionsRevoked(alice.id()));

    warden.clock().advance(Duration.ofMillis(300));
    TokenPair after = loggedIn("alice@example.com").tokens();
    assertThat(caller(after.accessToken()).userId()).isEqualTo(alice.id());
  }
}
