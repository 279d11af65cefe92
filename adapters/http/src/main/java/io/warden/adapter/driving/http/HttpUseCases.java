package io.warden.adapter.driving.http;

import io.warden.application.port.driving.AuthenticationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.CacheManagementUseCase;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.ObservabilityUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase;
import java.util.Objects;

/** The use cases the HTTP adapter drives, handed over by bootstrap in one value. */
public record HttpUseCases(
    AuthenticationUseCase authentication,
    AuthorizationUseCase authorization,
    RoleAdministrationUseCase roles,
    MemberAdministrationUseCase members,
    SystemAdministrationUseCase system,
    HealthUseCase health,
    CacheManagementUseCase cache,
    ObservabilityUseCase observability) {

  public HttpUseCases {
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(observability, "observability");
  }
}
