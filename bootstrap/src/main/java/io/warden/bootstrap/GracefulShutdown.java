package io.warden.bootstrap;

import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How an instance stops on {@code SIGTERM}, within {@code WARDEN_SHUTDOWN_GRACE_SECONDS}:
 *
 * <ol>
 *   <li><b>Drain</b>: {@code /health} answers 503 {@code DRAINING} at once, and the instance keeps
 *       serving for {@link #drainDelay} (a quarter of the grace, at most 5 s) so that load
 *       balancers see it and send nothing new;
 *   <li><b>Stop the server</b>: the open event streams ({@code /api/me/events}) end without an
 *       event (their clients reconnect elsewhere), no new connection is accepted, idle ones are
 *       closed, and every request in flight runs to its answer (Helidon's shutdown grace, {@link
 *       #inFlightGrace});
 *   <li><b>Close the rest</b>, in the reverse order of their start ({@link Warden#close()}): the
 *       rate limiter gives its leased quota back to Redis, the invalidation {@code LISTEN}
 *       connection, the Redis clients, the heartbeat and the database pools are closed.
 * </ol>
 *
 * <p>A watchdog halts the process when the grace is spent, whatever is still running: an
 * orchestrator's {@code SIGKILL} would come soon after anyway.
 */
final class GracefulShutdown {
  private static final System.Logger LOG = System.getLogger(GracefulShutdown.class.getName());

  /** Longest wait for the balancers to notice the failed readiness. */
  private static final Duration MAX_DRAIN_DELAY = Duration.ofSeconds(5);

  /** Kept from the grace for closing everything after the server stopped. */
  private static final Duration CLOSE_RESERVE = Duration.ofSeconds(3);

  private final Warden warden;
  private final Duration grace;

  GracefulShutdown(Warden warden, Duration grace) {
    this.warden = warden;
    this.grace = grace;
  }

  /** Installs the sequence as the JVM's shutdown hook ({@code SIGTERM}, {@code SIGINT}). */
  static void onSignal(Warden warden, Duration grace) {
    GracefulShutdown shutdown = new GracefulShutdown(warden, grace);
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "warden-shutdown"));
  }

  /**
   * How long the instance keeps serving with its readiness failed: a quarter of the grace, ≤ 5 s.
   */
  static Duration drainDelay(Duration grace) {
    Duration quarter = grace.dividedBy(4);
    return quarter.compareTo(MAX_DRAIN_DELAY) < 0 ? quarter : MAX_DRAIN_DELAY;
  }

  /** How long the stopping server waits for requests in flight: what the grace leaves, ≥ 1 s. */
  static Duration inFlightGrace(Duration grace) {
    Duration left = grace.minus(drainDelay(grace)).minus(CLOSE_RESERVE);
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  /** Runs the sequence; returns when everything is closed. */
  void run() {
    long started = System.nanoTime();
    Thread watchdog =
        Thread.ofPlatform().daemon().name("warden-shutdown-watchdog").start(this::haltWhenLate);
    Duration delay = drainDelay(grace);
    warden.readiness().drain();
    LOG.log(
        System.Logger.Level.INFO,
        "Shutdown: draining (/health answers 503 DRAINING); the server stops in {0} ms, within a"
            + " grace of {1} s",
        delay.toMillis(),
        grace.toSeconds());
    sleep(delay);
    warden.close();
    watchdog.interrupt();
    LOG.log(
        System.Logger.Level.INFO,
        "Shutdown: stopped in {0} ms (requests in flight answered, leased quota given back,"
            + " connections and pools closed)",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private void haltWhenLate() {
    try {
      Thread.sleep(grace);
    } catch (InterruptedException e) {
      return; // stopped in time
    }
    LOG.log(
        System.Logger.Level.ERROR,
        "Shutdown: not done after the grace of {0} s; halting now",
        grace.toSeconds());
    Runtime.getRuntime().halt(1);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The readiness of an instance, as the {@code shutdown} check of {@code /health}: {@code UP}
   * until {@link #drain()}, then {@code DRAINING}, which makes {@code /health} answer 503 {@code
   * DRAINING} whatever the dependencies say.
   */
  static final class Readiness {
    private volatile boolean draining;

    void drain() {
      draining = true;
    }

    boolean draining() {
      return draining;
    }

    HealthProbe probe() {
      return new HealthProbe() {
        @Override
        public String name() {
          return "shutdown";
        }

        @Override
        public boolean critical() {
          return true;
        }

        @Override
        public Check probe() {
          return draining
              ? new Check(Status.DRAINING, "shutting down: finishing the requests in flight")
              : new Check(Status.UP, "serving");
        }
      };
    }
  }
}
