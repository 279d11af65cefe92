package io.warden.application.port.driven.contract;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.InvitationRepository;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.OrganizationRepository;
import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import java.util.Objects;

/**
 * The storage ports of one database, as a contract test sees them: every repository takes part in
 * the {@link #transactions()} of the same store, so a contract can write through one port and read
 * through another.
 */
public record Storage(
    Transactions transactions,
    TenantRepository tenants,
    UserRepository users,
    MembershipRepository memberships,
    InvitationRepository invitations,
    RoleRepository roles,
    PermissionRepository permissions,
    SessionRepository sessions,
    SigningKeyRepository signingKeys,
    ChangeJournal changeJournal,
    CacheEpochs cacheEpochs,
    OrganizationRepository organizations,
    AuditLog auditLog) {
  public Storage {
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(memberships, "memberships");
    Objects.requireNonNull(invitations, "invitations");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(signingKeys, "signingKeys");
    Objects.requireNonNull(changeJournal, "changeJournal");
    Objects.requireNonNull(cacheEpochs, "cacheEpochs");
    Objects.requireNonNull(organizations, "organizations");
    Objects.requireNonNull(auditLog, "auditLog");
  }
}
