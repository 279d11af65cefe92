package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.EventTickets;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The event-stream tickets in {@code event_tickets}, shared by every instance. */
final class PostgresEventTickets extends MapperBacked<EventTicketMapper> implements EventTickets {
  /** Expired tickets deleted per issue: enough to keep up with any issue rate. */
  private static final int PURGE_BATCH = 100;

  private static final Duration PURGE_MARGIN = Duration.ofMinutes(1);

  PostgresEventTickets(PostgresTransactions transactions) {
    super(transactions, EventTicketMapper.class);
  }

  @Override
  public void store(String ticketHash, Grant grant, Instant expiresAt) {
    EventTicketMapper sql = sql();
    // Tickets live seconds: those that expired a minute before this one will are surely dead.
    sql.purgeExpired(expiresAt.minus(PURGE_MARGIN), PURGE_BATCH);
    sql.store(
        ticketHash,
        grant.userId().value(),
        grant.tenantId().value(),
        grant.sessionId(),
        grant.tokenId(),
        grant.issuedAt(),
        grant.tokenExpiresAt(),
        expiresAt);
  }

  @Override
  public Optional<Grant> redeem(String ticketHash, Instant now) {
    EventTicketRow row = sql().redeem(ticketHash, now);
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Grant(
            new UserId(row.userId()),
            new TenantId(row.tenantId()),
            row.sessionId(),
            row.tokenId(),
            row.issuedAt(),
            row.tokenExpiresAt()));
  }
}
