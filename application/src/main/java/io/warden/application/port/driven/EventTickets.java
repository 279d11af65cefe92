package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * The single-use tickets of the permission event streams, shared by every instance (any of them may
 * redeem what another issued). A ticket is stored only as a hash. Calls run {@link
 * Transactions#acrossTenants}.
 */
public interface EventTickets {

  /** Stores a ticket (by hash) redeemable until {@code expiresAt}. */
  void store(String ticketHash, Grant grant, Instant expiresAt);

  /**
   * Deletes the ticket and returns what it grants, if it existed and had not expired at {@code
   * now}, atomically: of two concurrent redemptions at most one gets it.
   */
  Optional<Grant> redeem(String ticketHash, Instant now);

  /**
   * What a ticket stands for: the access token it was issued to, by its claims (never the token).
   */
  record Grant(
      UserId userId,
      TenantId tenantId,
      String sessionId,
      String tokenId,
      Instant issuedAt,
      Instant tokenExpiresAt) {}
}
