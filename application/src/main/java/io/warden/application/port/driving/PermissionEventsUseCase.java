package io.warden.application.port.driving;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import java.time.Duration;

/**
 * Live permission changes pushed to a client ({@code GET /api/me/events}): a stream per
 * tenant-scoped access token that says {@code permissions-changed} when the caller's effective
 * permissions in the token's tenant change and {@code session-ended} when the token stops working.
 * Each instance drives its streams from its own invalidation feed ({@link #changed}) and its own
 * heartbeat ({@link #heartbeat}); a stream's reader is the one thread that waits in {@link
 * EventStream#next}, so an idle stream holds no thread of its own besides its (virtual) reader.
 */
public interface PermissionEventsUseCase {

  /**
   * A single-use ticket that opens one stream of the token's session and tenant without the token
   * ({@code EventSource} cannot send headers).
   *
   * @throws Unauthenticated if the token does not stand
   * @throws Forbidden if the token has no tenant
   */
  Ticket issueTicket(String accessToken);

  /** Opens a stream for a tenant-scoped access token (same failures as {@link #issueTicket}). */
  Opening open(String accessToken);

  /**
   * Opens a stream with a ticket, spending it.
   *
   * @throws Unauthenticated if the ticket is unknown, spent, expired, or its session has ended
   */
  Opening openWithTicket(String ticket);

  /**
   * This instance applied the change of data version {@code version}: every stream whose caller's
   * permissions or token the scope may touch re-checks them.
   */
  void changed(InvalidationScope scope, long version);

  /**
   * One turn of the heartbeat: every open stream whose turn it is among {@code turns} emits a
   * heartbeat, and one of them whose token expired (or whose timed role assignment ran out)
   * re-checks. A stream's turn is dealt when it opens (round-robin, so the turns hold as many
   * streams as one another), and one shared scheduler, never a timer per stream, calls turn 0, 1,
   * ... {@code turns - 1}, 0, ... once every heartbeat interval divided by {@code turns}: each
   * stream beats once per interval, and a beat wakes a {@code 1/turns} share of the streams rather
   * than all of them at once.
   *
   * @throws IllegalArgumentException unless {@code 0 <= turn < turns}
   */
  void heartbeat(int turn, int turns);

  /** Every open stream emits a heartbeat now (the one turn of one). */
  default void heartbeat() {
    heartbeat(0, 1);
  }

  /** How many streams are open on this instance. */
  int openStreams();

  /**
   * The instance is stopping: every open stream ends with {@link Event.Ended} (no event reaches the
   * client, whose {@code EventSource} reconnects, through the balancer, to another instance), and
   * no stream opens any more (503). Streams would otherwise hold the server's stop until its grace
   * ran out.
   */
  void endAll();

  /** A ticket and how long it can be redeemed. */
  record Ticket(String value, Duration expiresIn) {}

  /** Which cap refused a stream. */
  enum Cap {
    /** The caller has as many streams open on this instance as one user may. */
    PER_USER,
    /** This instance holds as many streams as it may. */
    PER_INSTANCE
  }

  /** The outcome of opening a stream. */
  sealed interface Opening {
    record Opened(EventStream stream) implements Opening {}

    record Refused(Cap cap, String detail) implements Opening {}
  }

  /** One open stream, read by one thread; {@link #close} releases its slot (idempotent). */
  interface EventStream extends AutoCloseable {

    /** The tenant the stream is about. */
    TenantId tenantId();

    /**
     * Blocks until there is something to send; after {@link Event.SessionEnded} or {@link
     * Event.Ended} the stream is over and answers that again.
     */
    Event next() throws InterruptedException;

    @Override
    void close();
  }

  /** What a stream sends. */
  sealed interface Event {
    /**
     * The caller's effective permissions in {@code tenantId} changed, with change {@code revision}.
     */
    record PermissionsChanged(long revision, TenantId tenantId) implements Event {}

    /** The token stopped working; the stream ends. */
    record SessionEnded() implements Event {}

    /** Nothing happened for a heartbeat interval (the client knows the stream is alive). */
    record Heartbeat() implements Event {}

    /**
     * The instance is stopping ({@link #endAll}): the stream ends without a word. Not {@link
     * SessionEnded}, which tells the client its token is gone and it must not reconnect with it.
     */
    record Ended() implements Event {}
  }
}
