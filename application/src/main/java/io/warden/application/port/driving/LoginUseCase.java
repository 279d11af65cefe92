package io.warden.application.port.driving;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.util.List;
import java.util.Optional;

/** Logging in with e-mail and password: a session and its first tokens. */
public interface LoginUseCase {

  /**
   * Verifies credentials. Unknown e-mail, wrong password and deactivated user are all {@link
   * LoginResult.Refused} alike and take comparable time. With exactly one active tenant the token
   * is scoped to it. A missing field is {@link io.warden.domain.model.InvalidValueException}.
   */
  LoginResult login(LoginCommand command);

  /**
   * E-mail and password as typed; {@code clientAddress} is for rate limits and logs, {@code
   * requestId} for the audit event the login writes, success or failure.
   */
  record LoginCommand(
      String email, String password, String clientAddress, Optional<String> requestId) {
    public LoginCommand {
      requestId = requestId == null ? Optional.empty() : requestId;
    }

    /** A login of no particular request. */
    public LoginCommand(String email, String password, String clientAddress) {
      this(email, password, clientAddress, Optional.empty());
    }
  }

  /** What a login came to. */
  sealed interface LoginResult {

    /** Logged in: the session's first tokens, the user, and the tenants they may enter. */
    record Success(TokenPair tokens, User user, List<Tenant> tenants) implements LoginResult {
      public Success {
        tenants = List.copyOf(tenants);
      }
    }

    /** Refused, {@link FailureKind#UNAUTHENTICATED}, with the same words whatever the cause. */
    record Refused(Failure failure) implements LoginResult {}
  }
}
