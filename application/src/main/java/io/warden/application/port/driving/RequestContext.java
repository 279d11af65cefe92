package io.warden.application.port.driving;

import io.warden.domain.model.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acts, and under which request id, on the current thread: bound by a driving adapter for the
 * duration of one request (the HTTP adapter binds the request id before routing and the actor once
 * the bearer token is verified), read by the log formatters for the lines written on that thread.
 * Outside a binding (start-up provisioning, background jobs) there is neither.
 *
 * <p>The use cases never read it: what they record (the audit events) gets the request id as data,
 * from {@link Caller#requestId()} and the commands, so that it cannot silently go missing on a
 * thread the adapter did not bind.
 */
public final class RequestContext {
  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  private final String requestId;
  private UserId actor;

  private RequestContext(String requestId) {
    this.requestId = requestId;
  }

  /**
   * Binds a fresh context with {@code requestId} to this thread until the returned binding is
   * closed (the previous one, if any, comes back then).
   */
  public static Binding bind(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    RequestContext previous = CURRENT.get();
    CURRENT.set(new RequestContext(requestId));
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Records the authenticated actor of the bound request; without a binding it does nothing. */
  public static void actor(UserId actor) {
    RequestContext context = CURRENT.get();
    if (context != null) {
      context.actor = actor;
    }
  }

  /** The request id bound to this thread. */
  public static Optional<String> requestId() {
    RequestContext context = CURRENT.get();
    return context == null ? Optional.empty() : Optional.of(context.requestId);
  }

  /** The authenticated actor of the request bound to this thread. */
  public static Optional<UserId> currentActor() {
    RequestContext context = CURRENT.get();
    return context == null ? Optional.empty() : Optional.ofNullable(context.actor);
  }

  /** Ends a binding. */
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }
}
