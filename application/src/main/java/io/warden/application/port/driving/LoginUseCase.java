package io.warden.application.port.driving;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.util.List;

/** Logging in with e-mail and password: a session and its first tokens. */
public interface LoginUseCase {

  /**
   * Verifies credentials. Unknown e-mail, wrong password and deactivated user all fail with the
   * same {@link Unauthenticated} and take comparable time. With exactly one active tenant the token
   * is scoped to it.
   */
  LoginResult login(LoginCommand command);

  /** E-mail and password as typed; {@code clientAddress} is for rate limits and logs. */
  record LoginCommand(String email, String password, String clientAddress) {}

  /** The outcome of a successful login. */
  record LoginResult(TokenPair tokens, User user, List<Tenant> tenants) {}
}
