package io.warden.application.service;

import static io.warden.application.fake.InMemoryWarden.PASSWORD;
import static io.warden.application.service.ChangeAssertions.assertJournaledAndAnnouncedAfterCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.LoginUseCase;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.LogoutUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.SystemAdministrationUseCase.UpdateUser;
import io.warden.application.port.driving.TenantSelectionUseCase;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final LoginUseCase logins = warden.login();
  private final RequestAuthenticationUseCase requests = warden.requestAuthentication();
  private final TenantSelectionUseCase selection = warden.tenantSelection();
  private final TokenRefreshUseCase refreshes = warden.tokenRefresh();
  private final LogoutUseCase logout = warden.logout();
  private Tenant acme;
  private Tenant globex;
  private User alice;

  @BeforeEach
  void setUp() {
    acme = warden.createTenant("acme");
    globex = warden.createTenant("globex");
    alice = warden.createUser("alice@example.com");
    warden.addMember(acme, alice);
  }

  private LoginResult login(String email, String password) {
    return logins.login(new LoginCommand(email, password, "10.0.0.1"));
  }

  private LoginResult.Success loggedIn(String email) {
    LoginResult result = login(email, PASSWORD);
    assertThat(result).isInstanceOf(LoginResult.Success.class);
    return (LoginResult.Success) result;
  }

  private Caller caller(String accessToken) {
    Authentication result = requests.authenticate(accessToken);
    assertThat(result).isInstanceOf(Authentication.Authenticated.class);
    return ((Authentication.Authenticated) result).caller();
  }

  private TokenPair refreshed(String refreshToken) {
    RefreshResult result = refreshes.refresh(refreshToken);
    assertThat(result).isInstanceOf(RefreshResult.Refreshed.class);
    return ((RefreshResult.Refreshed) result).tokens();
  }

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
  void authenticating_opens_no_transaction_so_a_cached_revocation_state_needs_no_database() {
    String token = loggedIn("alice@example.com").tokens().accessToken();
    int commits = warden.transactions().commits();
    int rollbacks = warden.transactions().rollbacks();

    assertThat(caller(token).userId()).isEqualTo(alice.id());

    assertThat(warden.transactions().commits()).isEqualTo(commits);
    assertThat(warden.transactions().rollbacks()).isEqualTo(rollbacks);
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
    warden
        .systemAdministration()
        .updateUser(
            warden.root(),
            gone.id(),
            new UpdateUser(Optional.empty(), Optional.of(false), Optional.empty()));
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
  void tenants_of_lists_the_active_tenants_of_active_memberships() {
    warden.addMember(globex, alice);
    Caller caller = warden.login("alice@example.com");

    assertThat(selection.tenantsOf(caller)).containsExactlyInAnyOrder(acme, globex);
  }

  @Test
  void selecting_a_tenant_needs_an_active_membership_of_an_active_tenant() {
    warden.addMember(globex, alice);
    Caller caller = warden.login("alice@example.com");
    Tenant other = warden.createTenant("other");

    TokenPair scoped = selection.selectTenant(caller, globex.id());
    assertThat(scoped.tenant()).contains(globex);
    Caller inGlobex = caller(scoped.accessToken());
    assertThat(inGlobex.tenantId()).contains(globex.id());
    assertThat(inGlobex.sessionId()).isEqualTo(caller.sessionId());

    assertThatThrownBy(() -> selection.selectTenant(caller, other.id()))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> selection.selectTenant(caller, TenantId.random()))
        .isInstanceOf(Forbidden.class);
    warden
        .systemAdministration()
        .updateTenant(warden.root(), globex.id(), Optional.empty(), Optional.of(false));
    assertThatThrownBy(() -> selection.selectTenant(caller, globex.id()))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void a_system_admin_may_enter_any_active_tenant_and_holds_every_permission_there() {
    warden.createSystemAdmin("ops@example.com");
    Caller ops = warden.login("ops@example.com");

    Caller inAcme = caller(selection.selectTenant(ops, acme.id()).accessToken());

    assertThat(inAcme.systemAdmin()).isTrue();
    assertThat(warden.authorization().check(inAcme, Optional.empty(), "roles.edit")).isTrue();
    warden
        .systemAdministration()
        .updateTenant(warden.root(), acme.id(), Optional.empty(), Optional.of(false));
    assertThatThrownBy(() -> selection.selectTenant(ops, acme.id())).isInstanceOf(Forbidden.class);
  }

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
    warden
        .systemAdministration()
        .updateUser(
            warden.root(),
            alice.id(),
            new UpdateUser(Optional.empty(), Optional.of(false), Optional.empty()));
    assertThat(refreshes.refresh(inGlobex.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
  }

  private Caller adminOfAcme() {
    User admin = warden.createUser("admin@acme.example");
    warden.addMember(acme, admin, "admin");
    return warden.login("admin@acme.example");
  }

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

  @Test
  void the_jwk_set_comes_from_the_codec() {
    assertThat(warden.keySet().jwkSetJson()).isEqualTo("{\"keys\":[]}");
  }
}
