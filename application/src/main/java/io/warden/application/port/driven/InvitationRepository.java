package io.warden.application.port.driven;

import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invitations to join a tenant. The tenant's side ({@link #insert}, {@link #find}, {@link #delete},
 * {@link #deleteExpired}) runs {@link Transactions#inTenant} and sees that tenant's invitations
 * only. The addressee's side ({@link #addressedTo}, {@link #findAddressedTo}, {@link
 * #deleteAddressedTo}) runs {@link Transactions#acrossTenants}, because an addressee is invited by
 * tenants they are not a member of, and always selects by the address: a caller passes the e-mail
 * of the authenticated user, never one taken from a request.
 */
public interface InvitationRepository {

  /**
   * Stores the invitation; it replaces a pending invitation of the tenant to the same address (one
   * invitation per tenant and address, the latest).
   */
  void insert(Invitation invitation);

  /** The tenant's invitation, expired or not; locked until the transaction ends. */
  Optional<Invitation> find(InvitationId id);

  /** Whether the tenant had it. */
  boolean delete(InvitationId id);

  /** Deletes the tenant's invitations that expired at or before {@code now}; how many. */
  int deleteExpired(Instant now);

  /** Unexpired invitations to {@code email} from every tenant, oldest first. */
  List<Invitation> addressedTo(Email email, Instant now);

  /** The invitation if it is addressed to {@code email}, expired or not, from any tenant. */
  Optional<Invitation> findAddressedTo(InvitationId id, Email email);

  /** Deletes it if it is addressed to {@code email} (declining); whether it was. */
  boolean deleteAddressedTo(InvitationId id, Email email);
}
