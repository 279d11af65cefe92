package io.warden.application.service;

import static io.warden.application.fake.InMemoryWarden.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.user.User;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Logging in: which token a login gets, uniform failures, what is stored. */
class LoginServiceTest extends AuthenticationFixture {
  @Test
  void a_user_with_exactly_one_tenant_gets_a_token_scoped_to_it() {
    LoginResult.Success result = loggedIn("alice@example.com");

    assertThat(result.user().id()).isEqualTo(alice.id());
    assertThat(result.tenants()).containsExactly(acme);
    assertThat(result.tokens().tenant()).contains(acme);
    assertThat(result.tokens().expiresInSeconds()).isEqualTo(900);
    Caller caller = caller(result.tokens().accessToken());
    assertThat(caller.userId()).isEqualTo(alice.id());
    assertThat(caller.tenantId()).contains(acme.id());
    assertThat(caller.systemAdmin()).isFalse();
  }

  @Test
  void a_user_with_several_tenants_or_none_gets_a_tenant_less_token() {
    warden.addMember(globex, alice);
    User loner = warden.createUser("loner@example.com");

    LoginResult.Success two = loggedIn("alice@example.com");
    LoginResult.Success none = loggedIn(loner.email().value());

    assertThat(two.tenants()).containsExactlyInAnyOrder(acme, globex);
    assertThat(two.tokens().tenant()).isEmpty();
    assertThat(caller(two.tokens().accessToken()).tenantId()).isEmpty();
    assertThat(none.tenants()).isEmpty();
    assertThat(none.tokens().tenant()).isEmpty();
  }

  @Test
  void an_inactive_tenant_is_not_offered_at_login() {
    warden.addMember(globex, alice);
    warden
        .systemAdministration()
        .updateTenant(warden.root(), globex.id(), Optional.empty(), Optional.of(false));

    LoginResult.Success result = loggedIn("alice@example.com");

    assertThat(result.tenants()).containsExactly(acme);
    assertThat(result.tokens().tenant()).contains(acme);
  }

  @Test
  void the_e_mail_is_matched_ignoring_case_and_surrounding_space() {
    assertThat(loggedIn("  ALICE@Example.com ").user().id()).isEqualTo(alice.id());
  }

  @Test
  void every_failed_login_looks_the_same_and_spends_a_password_verification() {
    User gone = warden.createUser("gone@example.com");
    warden.deactivate(gone);
    int spentBefore = spentVerifications();

    List<LoginResult> failures =
        List.of(
            login("nobody@example.com", PASSWORD),
            login("alice@example.com", "wrong password, long enough"),
            login("gone@example.com", PASSWORD),
            login("not an e-mail", PASSWORD),
            login("alice@example.com", "x".repeat(5_000)));

    assertThat(failures)
        .allSatisfy(
            f ->
                assertThat(f)
                    .isEqualTo(
                        new LoginResult.Refused(
                            Failure.of(
                                FailureKind.UNAUTHENTICATED, "invalid e-mail or password"))));
    assertThat(spentVerifications() - spentBefore).isEqualTo(failures.size());
  }

  private int spentVerifications() {
    return warden.passwordHasher().verifications() + warden.passwordHasher().dummyVerifications();
  }

  @Test
  void a_login_without_password_is_invalid_input_not_a_failed_login() {
    assertThatThrownBy(() -> login("alice@example.com", null))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("password");
  }

  @Test
  void the_access_token_carries_the_claims_of_the_session() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();

    AccessClaims claims = warden.tokenCodec().claimsOf(tokens.accessToken()).orElseThrow();
    assertThat(claims.subject()).isEqualTo(alice.id());
    assertThat(claims.tenantId()).contains(acme.id());
    assertThat(claims.issuedAt()).isEqualTo(InMemoryWarden.START);
    assertThat(claims.expiresAt()).isEqualTo(InMemoryWarden.START.plusSeconds(900));
    assertThat(claims.sessionId()).hasSizeGreaterThanOrEqualTo(22);
    assertThat(tokens.refreshToken()).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void a_refresh_token_is_stored_only_as_its_hash() {
    TokenPair tokens = loggedIn("alice@example.com").tokens();

    // Spending by the raw token's hash works; the raw token itself is no key of the store.
    warden
        .transactions()
        .acrossTenants(
            () -> {
              assertThat(warden.sessions().spend(tokens.refreshToken(), warden.clock().instant()))
                  .isEmpty();
              assertThat(
                      warden
                          .sessions()
                          .spend(
                              Secrets.sha256Hex(tokens.refreshToken()), warden.clock().instant()))
                  .isPresent();
              return null;
            });
  }

  @Test
  void a_full_hasher_refuses_a_login_before_any_verification_known_e_mail_or_not() {
    int verifications = warden.passwordHasher().verifications();
    int dummies = warden.passwordHasher().dummyVerifications();
    warden.passwordHasher().full(true);

    assertThatThrownBy(() -> login("alice@example.com", PASSWORD)).isInstanceOf(Overloaded.class);
    assertThatThrownBy(() -> login("nobody@example.com", PASSWORD)).isInstanceOf(Overloaded.class);
    assertThat(warden.passwordHasher().verifications()).isEqualTo(verifications);
    assertThat(warden.passwordHasher().dummyVerifications()).isEqualTo(dummies);

    warden.passwordHasher().full(false);
    assertThat(login("alice@example.com", PASSWORD)).isInstanceOf(LoginResult.Success.class);
  }
}
