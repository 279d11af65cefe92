package io.warden.application.fake;

import io.warden.application.port.driven.EventTickets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Event-stream tickets in a map; {@link #redeem} removes atomically, as the database does. */
public final class InMemoryEventTickets implements EventTickets {
  private record Stored(Grant grant, Instant expiresAt) {}

  private final Map<String, Stored> tickets = new ConcurrentHashMap<>();

  @Override
  public void store(String ticketHash, Grant grant, Instant expiresAt) {
    tickets.put(ticketHash, new Stored(grant, expiresAt));
  }

  @Override
  public Optional<Grant> redeem(String ticketHash, Instant now) {
    Stored stored = tickets.remove(ticketHash);
    if (stored == null || !now.isBefore(stored.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(stored.grant());
  }
}
