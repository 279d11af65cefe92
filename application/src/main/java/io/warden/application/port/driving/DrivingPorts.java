package io.warden.application.port.driving;

import java.util.Objects;

/**
 * Every use case of Warden, assembled once ({@code Services.assemble}) and handed to each driving
 * adapter in one value: an adapter takes the use cases it serves and ignores the others.
 */
public record DrivingPorts(
    LoginUseCase login,
    RequestAuthenticationUseCase requestAuthentication,
    TenantSelectionUseCase tenantSelection,
    TokenRefreshUseCase tokenRefresh,
    LogoutUseCase logout,
    SessionManagementUseCase sessionManagement,
    SessionPurgeUseCase sessionPurge,
    KeySetUseCase keySet,
    AuthorizationUseCase authorization,
    RoleAdministrationUseCase roleAdministration,
    MemberAdministrationUseCase memberAdministration,
    InvitationUseCase invitations,
    SystemAdministrationUseCase systemAdministration,
    ProvisioningUseCase provisioning,
    HealthUseCase health,
    CacheWarmingUseCase cacheWarming,
    CacheFlushUseCase cacheFlush,
    ObservabilityUseCase observability,
    OrganizationAdministrationUseCase organizationAdministration,
    AuditUseCase audit,
    ListingUseCase listing,
    PermissionEventsUseCase permissionEvents) {

  public DrivingPorts {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(requestAuthentication, "requestAuthentication");
    Objects.requireNonNull(tenantSelection, "tenantSelection");
    Objects.requireNonNull(tokenRefresh, "tokenRefresh");
    Objects.requireNonNull(logout, "logout");
    Objects.requireNonNull(sessionManagement, "sessionManagement");
    Objects.requireNonNull(sessionPurge, "sessionPurge");
    Objects.requireNonNull(keySet, "keySet");
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(roleAdministration, "roleAdministration");
    Objects.requireNonNull(memberAdministration, "memberAdministration");
    Objects.requireNonNull(invitations, "invitations");
    Objects.requireNonNull(systemAdministration, "systemAdministration");
    Objects.requireNonNull(provisioning, "provisioning");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(cacheWarming, "cacheWarming");
    Objects.requireNonNull(cacheFlush, "cacheFlush");
    Objects.requireNonNull(observability, "observability");
    Objects.requireNonNull(organizationAdministration, "organizationAdministration");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(permissionEvents, "permissionEvents");
  }
}
