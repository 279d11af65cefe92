package io.warden.application.port.driving;

import io.warden.domain.model.user.UserId;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Who acts, and under which request id, on the current thread: bound by a driving adapter for the
 * duration of one request (the HTTP adapter binds the request id before routing and the actor once
 * the bearer token is verified), read by the log formatters for the lines written on that thread.
 * Outside a binding (start-up provisioning, background jobs) there is neither.
 *
 * <p>The use cases never read it: what they record (the audit events) gets the request id as data,
 * from {@link Caller#requestId()} and the commands, so that it cannot silently go missing on a
 * thread the adapter did not bind. They tell it one thing: the data version (revision) of every
 * change they commit ({@link #committed}), which the adapter hands to the client ({@code
 * Warden-Revision}) so that it can ask other instances for answers at least that fresh.
 */
public final class RequestContext {
  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  private static final LongConsumer IGNORED = version -> {};

  private final String requestId;
  private final LongConsumer onCommitted;
  private @Nullable UserId actor;
  private long revision = -1;

  private RequestContext(String requestId, LongConsumer onCommitted) {
    this.requestId = requestId;
    this.onCommitted = onCommitted;
  }

  /**
   * Binds a fresh context with {@code requestId} to this thread until the returned binding is
   * closed (the previous one, if any, comes back then).
   */
  public static Binding bind(String requestId) {
    return bind(requestId, IGNORED);
  }

  /**
   * The same, and {@code onCommitted} hears the revision of the request's newest committed change
   * each time it grows ({@link #committed}), on the request's thread, right after the commit.
   */
  public static Binding bind(String requestId, LongConsumer onCommitted) {
    RequestContext previous = CURRENT.get();
    CURRENT.set(new RequestContext(requestId, onCommitted));
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

  /**
   * A change of the bound request committed with data version {@code revision} (its evictions on
   * this instance done); without a binding it does nothing. Of several changes the newest counts.
   */
  public static void committed(long revision) {
    RequestContext context = CURRENT.get();
    if (context != null && revision > context.revision) {
      context.revision = revision;
      context.onCommitted.accept(revision);
    }
  }

  /** The revision of the newest change the bound request committed, if any. */
  public static java.util.OptionalLong committedRevision() {
    RequestContext context = CURRENT.get();
    return context == null || context.revision < 0
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(context.revision);
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
