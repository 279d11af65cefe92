package io.warden.application.service;

import static io.warden.application.service.ChangeAssertions.assertJournaledAndAnnouncedAfterCommit;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Refreshing: rotation, reuse detection, and what ends a refresh family. */
class TokenRefreshServiceTest extends AuthenticationFixture {
  @Test
  void refresh_rotates_the_token_and_keeps_the_tenant() {
    TokenPair first = loggedIn("alice@example.com").tokens();
    warden.clock().advance(Duration.ofMinutes(20));

    TokenPair second = refreshed(first.refreshToken());

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(second.tenant()).contains(acme);
    Caller caller = caller(second.accessToken());
    assertThat(caller.tenantId()).contains(acme.id());
    assertThat(refreshed(second.refreshToken()).tenant()).contains(acme);
  }

  @Test
  void reusing_a_spent_refresh_token_revokes_its_whole_family() {
    TokenPair first = loggedIn("alice@example.com").tokens();
    TokenPair second = refreshed(first.refreshToken());
    TokenPair otherSession = loggedIn("alice@example.com").tokens();
    warden.invalidation().clear();

    assertThat(refreshes.refresh(first.refreshToken())).isInstanceOf(RefreshResult.Refused.class);

    assertThat(refreshes.refresh(second.refreshToken()))
        .as("the thief's or the owner's newer token dies too")
        .isInstanceOf(RefreshResult.Refused.class);
    assertThat(requests.authenticate(second.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
    assertThat(requests.authenticate(first.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
    assertThat(caller(otherSession.accessToken()).userId()).isEqualTo(alice.id());
    assertJournaledAndAnnouncedAfterCommit(
        warden,
        new RbacEvent.SessionRevoked(alice.id()),
        new InvalidationScope.WholeUser(alice.id()));
  }

  @Test
  void of_two_concurrent_refreshes_with_one_token_exactly_one_succeeds() throws Exception {
    TokenPair tokens = loggedIn("alice@example.com").tokens();
    Callable<Boolean> refresh =
        () -> {
          return refreshes.refresh(tokens.refreshToken()) instanceof RefreshResult.Refreshed;
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> outcomes = pool.invokeAll(List.of(refresh, refresh));
      int successes = 0;
      for (Future<Boolean> outcome : outcomes) {
        successes += outcome.get() ? 1 : 0;
      }
      assertThat(successes).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknown_expired_and_revoked_refresh_tokens_are_refused() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();

    assertThat(refreshes.refresh("not-a-token")).isInstanceOf(RefreshResult.Refused.class);
    assertThat(refreshes.refresh(null)).isInstanceOf(RefreshResult.Refused.class);

    warden.clock().advance(Duration.ofDays(30));
    assertThat(refreshes.refresh(tokens.refreshToken())).isInstanceOf(RefreshResult.Refused.class);

    TokenPair fresh = loggedIn("alice@example.com").tokens();
    logout.logout(caller(fresh.accessToken()));
    assertThat(refreshes.refresh(fresh.refreshToken())).isInstanceOf(RefreshResult.Refused.class);
  }

  @Test
  void a_tenant_scoped_refresh_fails_once_the_membership_or_the_user_is_gone() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();
    Caller acmeAdmin = adminOfAcme();

    warden.memberAdministration().remove(acmeAdmin, alice.id());

    assertThat(refreshes.refresh(tokens.refreshToken())).isInstanceOf(RefreshResult.Refused.class);

    warden.addMember(globex, alice);
    TokenPair inGlobex = loggedIn("alice@example.com").tokens();
    warden.deactivate(alice);
    assertThat(refreshes.refresh(inGlobex.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
  }
}
