package io.warden.application.port.driving;

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

  /** Idempotent; {@link NotFound} if the user is not a member or the role unknown. */
  void assign(Caller caller, RoleId roleId, UserId userId, Optional<Instant> expiresAt);

  /** Idempotent. */
  void unassign(Caller caller, RoleId roleId, UserId userId);

  record Member(User user, boolean active, List<Role> roles) {}

  record MemberPage(List<Member> items, Optional<String> nextCursor) {}
}
