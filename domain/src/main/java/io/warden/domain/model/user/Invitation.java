package io.warden.domain.model.user;

import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A pending invitation to join a tenant, addressed to an e-mail address rather than to a user: the
 * address may or may not have an account, and whoever invites learns neither. Whoever logs in with
 * that address may accept it (and becomes a member holding {@code roleIds}) or decline it, until
 * {@code expiresAt}.
 *
 * @param invitedBy the user who invited; the roles are re-checked against what they hold when the
 *     invitation is accepted
 * @param roleIds roles of the tenant the new member is to hold, possibly none
 */
public record Invitation(
    InvitationId id,
    TenantId tenantId,
    Email email,
    UserId invitedBy,
    SortedSet<RoleId> roleIds,
    Instant createdAt,
    Instant expiresAt) {

  public Invitation {
    roleIds = Collections.unmodifiableSortedSet(new TreeSet<>(roleIds));
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("an invitation must expire after it is created");
    }
  }

  /** A new invitation, created {@code now} and valid for {@code ttl}. */
  public static Invitation create(
      TenantId tenantId,
      Email email,
      UserId invitedBy,
      Set<RoleId> roleIds,
      Instant now,
      Duration ttl) {
    return new Invitation(
        InvitationId.random(),
        tenantId,
        email,
        invitedBy,
        new TreeSet<>(roleIds),
        now,
        now.plus(ttl));
  }

  /** Whether it can still be accepted at {@code now}. */
  public boolean pendingAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
