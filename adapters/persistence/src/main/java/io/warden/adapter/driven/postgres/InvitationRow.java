package io.warden.adapter.driven.postgres;

import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.UUID;

/** A row of {@code invitations} with its {@code invitation_roles} folded into an array. */
record InvitationRow(
    UUID id,
    UUID tenantId,
    String email,
    UUID invitedBy,
    Instant createdAt,
    Instant expiresAt,
    UUID[] roleIds) {

  static InvitationRow of(Invitation invitation) {
    return new InvitationRow(
        invitation.id().value(),
        invitation.tenantId().value(),
        invitation.email().value(),
        invitation.invitedBy().value(),
        invitation.createdAt(),
        invitation.expiresAt(),
        invitation.roleIds().stream().map(RoleId::value).toArray(UUID[]::new));
  }

  Invitation toInvitation() {
    return new Invitation(
        new InvitationId(id),
        new TenantId(tenantId),
        new Email(email),
        new UserId(invitedBy),
        new TreeSet<>(Arrays.stream(roleIds).map(RoleId::new).toList()),
        createdAt,
        expiresAt);
  }
}
