package io.warden.application.port.driving;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Members of the caller's tenant and the roles assigned to them. */
public interface MemberAdministrationUseCase {

  int DEFAULT_PAGE_SIZE = 50;
  int MAX_PAGE_SIZE = 500;

  /** A page of members ordered by user id; {@code cursor} comes from the previous page. */
  MemberPage list(Caller caller, int limit, Optional<String> cursor);

  /**
   * Adds an existing user by id: system administrators only ({@link Forbidden} for anyone else, who
   * invites by e-mail instead, {@link InvitationUseCase}); {@link NotFound} unknown user, {@link
   * Conflict} a member already.
   */
  Member add(Caller caller, UserId userId);

  /** Ends the membership and its role assignments. */
  void remove(Caller caller, UserId userId);

  /** A tenant-wide assignment: {@link #assign(Caller, RoleId, UserId, Optional, Optional)}. */
  default void assign(Caller caller, RoleId roleId, UserId userId, Optional<Instant> expiresAt) {
    assign(caller, roleId, userId, expiresAt, Optional.empty());
  }

  /**
   * Idempotent; {@link NotFound} if the user is not a member or the role unknown. With an {@code
   * organizationId} the role grants only for that organization and its descendants; an id that is
   * not an organization of the tenant is an invalid value (as an unknown parent or included role).
   */
  void assign(
      Caller caller,
      RoleId roleId,
      UserId userId,
      Optional<Instant> expiresAt,
      Optional<OrganizationId> organizationId);

  /** Ends the tenant-wide assignment; idempotent. */
  default void unassign(Caller caller, RoleId roleId, UserId userId) {
    unassign(caller, roleId, userId, Optional.empty());
  }

  /**
   * Ends the assignment scoped to {@code organizationId} (the tenant-wide one when empty), leaving
   * the others of the same role alone; idempotent. An unknown organization is an invalid value.
   */
  void unassign(
      Caller caller, RoleId roleId, UserId userId, Optional<OrganizationId> organizationId);

  record Member(User user, boolean active, List<Role> roles) {}

  record MemberPage(List<Member> items, Optional<String> nextCursor) {}
}
