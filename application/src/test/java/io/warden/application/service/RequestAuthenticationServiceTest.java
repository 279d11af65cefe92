package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.TokenPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Authenticating a request from its bearer token: what is refused, and without the database. */
class RequestAuthenticationServiceTest extends AuthenticationFixture {
  @Test
  void authenticating_opens_no_transaction_so_a_cached_revocation_state_needs_no_database() {
    String token = loggedIn("alice@example.com").tokens().accessToken();
    int commits = warden.transactions().commits();
    int rollbacks = warden.transactions().rollbacks();

    assertThat(caller(token).userId()).isEqualTo(alice.id());

    assertThat(warden.transactions().commits()).isEqualTo(commits);
    assertThat(warden.transactions().rollbacks()).isEqualTo(rollbacks);
  }

  @Test
  void a_token_not_issued_by_the_codec_or_expired_is_refused() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();

    assertThat(requests.authenticate("forged.token.value"))
        .isInstanceOf(Authentication.Rejected.class);
    assertThat(requests.authenticate("")).isInstanceOf(Authentication.Rejected.class);
    assertThat(requests.authenticate((String) null)).isInstanceOf(Authentication.Rejected.class);

    warden.clock().advance(Duration.ofSeconds(899));
    assertThat(caller(tokens.accessToken()).userId()).isEqualTo(alice.id());
    warden.clock().advance(Duration.ofSeconds(1));
    assertThat(requests.authenticate(tokens.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
  }

  @Test
  void a_token_issued_in_a_second_before_tokens_valid_after_is_void_even_in_a_live_session() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();
    warden.clock().advance(Duration.ofSeconds(5));
    warden
        .transactions()
        .acrossTenants(
            () -> warden.users().voidTokensIssuedBefore(alice.id(), warden.clock().instant()));

    assertThat(requests.authenticate(tokens.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
  }

  @Test
  void a_tenant_scoped_token_dies_with_the_membership_or_the_tenant() {
    Caller member = warden.login("alice@example.com");
    TokenPair tokens = selection.selectTenant(member, acme.id());

    warden.memberAdministration().remove(adminOfAcme(), alice.id());

    assertThat(requests.authenticate(tokens.accessToken()))
        .isInstanceOf(Authentication.Rejected.class);
  }
}
