package io.warden.application.port.driving;

import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Adding a member by e-mail: a {@code users.manage} holder invites an address (learning nothing
 * about whether it has an account), and whoever logs in with that address lists, accepts or
 * declines the invitation.
 */
public interface InvitationUseCase {

  /**
   * Invites {@code command.email()} to the caller's tenant. The answer never depends on whether the
   * address has an account or is a member already. Naming roles needs {@code roles.assign} and
   * obeys the escalation rule of assigning them ({@code roles.bind}).
   */
  InvitationId invite(Caller caller, Invite command);

  /** Pending, unexpired invitations addressed to the caller's e-mail, oldest first. */
  List<PendingInvitation> pending(Caller caller);

  /**
   * Makes the caller a member of the invitation's tenant with its roles, once the inviter is found
   * still allowed to hand them out. {@link NotFound} for an invitation that is not addressed to the
   * caller, has expired or was used; {@link Conflict} when the caller is a member already; {@link
   * Forbidden} when the inviter may no longer add members or assign those roles.
   */
  void accept(Caller caller, InvitationId id);

  /**
   * The addressee declines, or a {@code users.manage} holder of its tenant (tenant-scoped token)
   * revokes; {@link NotFound} for anyone else.
   */
  void dismiss(Caller caller, InvitationId id);

  /** Whom to invite, and the roles of the tenant they are to hold (possibly none). */
  record Invite(String email, Set<RoleId> roleIds) {
    public Invite {
      roleIds = roleIds == null ? Set.of() : Set.copyOf(roleIds);
    }
  }

  /** An invitation as its addressee sees it. */
  record PendingInvitation(
      InvitationId id, Tenant tenant, User invitedBy, Instant createdAt, Instant expiresAt) {}
}
