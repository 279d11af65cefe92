package io.warden.application.port.driving;

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
    PermissionEventsUseCase permissionEvents) {}
