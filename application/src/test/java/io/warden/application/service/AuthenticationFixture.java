package io.warden.application.service;

import static io.warden.application.fake.InMemoryWarden.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.LoginUseCase;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.LogoutUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.TenantSelectionUseCase;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import org.junit.jupiter.api.BeforeEach;

/**
 * The in-memory Warden and the sign-in helpers the authentication use cases' tests share: two
 * tenants, a member of one of them, and shortcuts to log in, authenticate and refresh.
 */
abstract class AuthenticationFixture {
  final InMemoryWarden warden = new InMemoryWarden();
  final LoginUseCase logins = warden.login();
  final RequestAuthenticationUseCase requests = warden.requestAuthentication();
  final TenantSelectionUseCase selection = warden.tenantSelection();
  final TokenRefreshUseCase refreshes = warden.tokenRefresh();
  final LogoutUseCase logout = warden.logout();
  Tenant acme;
  Tenant globex;
  User alice;

  @BeforeEach
  void setUp() {
    acme = warden.createTenant("acme");
    globex = warden.createTenant("globex");
    alice = warden.createUser("alice@example.com");
    warden.addMember(acme, alice);
  }

  LoginResult login(String email, String password) {
    return logins.login(new LoginCommand(email, password, "10.0.0.1"));
  }

  LoginResult.Success loggedIn(String email) {
    LoginResult result = login(email, PASSWORD);
    assertThat(result).isInstanceOf(LoginResult.Success.class);
    return (LoginResult.Success) result;
  }

  Caller caller(String accessToken) {
    Authentication result = requests.authenticate(accessToken);
    assertThat(result).isInstanceOf(Authentication.Authenticated.class);
    return ((Authentication.Authenticated) result).caller();
  }

  TokenPair refreshed(String refreshToken) {
    RefreshResult result = refreshes.refresh(refreshToken);
    assertThat(result).isInstanceOf(RefreshResult.Refreshed.class);
    return ((RefreshResult.Refreshed) result).tokens();
  }

  Caller adminOfAcme() {
    User admin = warden.createUser("admin@acme.example");
    warden.addMember(acme, admin, "admin");
    return warden.login("admin@acme.example");
  }
}
