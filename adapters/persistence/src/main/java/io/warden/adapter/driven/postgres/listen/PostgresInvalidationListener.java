package io.warden.adapter.driven.postgres.listen;

import io.warden.adapter.driven.postgres.InvalidationMessage;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.HealthUseCase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Listens on {@link InvalidationMessage#CHANNEL} over a dedicated connection and hands each
 * message's scope to the cache tiers.
 *
 * <p>It is {@link #live()} only while connected and a heartbeat round trip confirmed the connection
 * within the staleness bound: PostgreSQL delivers every notification committed before a query began
 * ahead of that query's answer, so a confirmed heartbeat proves nothing older was missed. A
 * silently dead connection therefore stops being live within the bound, and in-process caches then
 * serve nothing older than the bound. After every (re)connection, once {@code LISTEN} is in place,
 * {@code onReconnect} runs with the current data version, before the feed reports live again: the
 * messages missed while away are unknown, so the local tiers are flushed.
 */
public final class PostgresInvalidationListener implements InvalidationFeed, AutoCloseable {
  private static final System.Logger LOG =
      System.getLogger(PostgresInvalidationListener.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final PostgresPersistence persistence;
  private final Duration stalenessBound;
  private final long heartbeatNanos;
  private final NotificationDispatch dispatch;
  private final AtomicLong reconnects = new AtomicLong();
  private final CountDownLatch firstConnection = new CountDownLatch(1);

  private final OutageClock outage;
  private volatile int backendPid;
  private volatile boolean running;
  private volatile @Nullable Connection connection;
  private @Nullable Thread thread;

  private PostgresInvalidationListener(PostgresPersistence persistence, Duration stalenessBound) {
    this.persistence = persistence;
    if (stalenessBound.isNegative() || stalenessBound.isZero()) {
      throw new IllegalArgumentException("stalenessBound must be positive");
    }
    this.stalenessBound = stalenessBound;
    this.heartbeatNanos = Math.max(Duration.ofMillis(20).toNanos(), stalenessBound.toNanos() / 4);
    this.outage = new OutageClock(stalenessBound, System.nanoTime());
    this.dispatch = new NotificationDispatch(persistence::dataVersion);
  }

  /**
   * Where the revocation latency of each message goes once it is evicted: from its journal stamp to
   * the end of this instance's eviction, on the wall clocks of the writer and of this instance.
   */
  public void reportTo(Metrics metrics) {
    dispatch.reportTo(metrics);
  }

  /** A listener that is not started yet; {@link #live()} is false until it is. */
  public static PostgresInvalidationListener create(
      PostgresPersistence persistence, Duration stalenessBound) {
    return new PostgresInvalidationListener(persistence, stalenessBound);
  }

  /**
   * Starts listening in a background thread. Every message goes to {@code onMessage}; after every
   * (re)connection {@code onReconnect} receives the current data version.
   */
  public synchronized void start(CacheInvalidation onMessage, LongConsumer onReconnect) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("warden-invalidation-listener")
            .start(() -> run(onMessage, onReconnect));
  }

  /**
   * Waits until the first connection is listening, at most {@code timeout}; returns whether it is.
   * An instance that starts serving before then would report itself degraded for no reason.
   */
  public boolean awaitFirstConnection(Duration timeout) {
    try {
      return firstConnection.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean live() {
    return outage.live(System.nanoTime());
  }

  /**
   * The {@code System.nanoTime()} at which the heartbeat the feed's liveness rests on was sent, or
   * {@code Long.MIN_VALUE} before the first one: every change committed before it was delivered.
   */
  public long confirmedAtNanos() {
    return outage.confirmedAt();
  }

  /** How long the feed has not been live (zero while it is). */
  public Duration notLiveFor() {
    return outage.notLiveFor(System.nanoTime());
  }

  /** Messages handed to the tiers since start. */
  public long received() {
    return dispatch.received();
  }

  /**
   * Readable messages whose invalidation has returned since start: every tier evicted (or the
   * failure logged), for tests that time the stages after {@link #received()}.
   */
  public long handled() {
    return dispatch.handled();
  }

  /** How many times the connection was (re)established. */
  public long connections() {
    return reconnects.get();
  }

  /** The server process id of the current {@code LISTEN} connection (0 when none), for tests. */
  public int backendPid() {
    return backendPid;
  }

  /** The {@code invalidation} check: DEGRADED-making (not critical) when the feed is not live. */
  public HealthProbe healthProbe() {
    return HealthProbe.of("invalidation", false, this::health);
  }

  private HealthUseCase.Check health() {
    if (live()) {
      return new HealthUseCase.Check(
          HealthUseCase.Status.UP, "listening, " + dispatch.received() + " messages received");
    }
    return new HealthUseCase.Check(
        HealthUseCase.Status.DOWN,
        "LISTEN connection down for "
            + notLiveFor().toMillis()
            + " ms: in-process caches serve nothing older than "
            + stalenessBound.toMillis()
            + " ms");
  }

  private void run(CacheInvalidation onMessage, LongConsumer onReconnect) {
    long backoffMillis = 50;
    while (running) {
      long connectionsBefore = reconnects.get();
      try (Connection listening = persistence.openDedicatedConnection()) {
        connection = listening;
        listen(listening, onMessage, onReconnect);
      } catch (SQLException | RuntimeException e) {
        markDown();
        if (running) {
          LOG.log(
              System.Logger.Level.WARNING,
              "invalidation LISTEN connection lost, reconnecting: {0}",
              e.getMessage());
        }
      } finally {
        connection = null;
        markDown();
      }
      if (reconnects.get() > connectionsBefore) {
        // The connection had reached the listening state: this is a fresh failure, not another
        // failed attempt in a row, so reconnecting starts quickly again.
        backoffMillis = 50;
      }
      if (running) {
        sleep(backoffMillis);
        backoffMillis = Math.min(MAX_BACKOFF.toMillis(), backoffMillis * 2);
      }
    }
  }

  private void listen(Connection listening, CacheInvalidation onMessage, LongConsumer onReconnect)
      throws SQLException {
    PGConnection pg = listening.unwrap(PGConnection.class);
    // A silently dead connection must fail the heartbeat, not hang it until TCP gives up.
    listening.setNetworkTimeout(
        Runnable::run, (int) Math.max(1_000, stalenessBound.multipliedBy(2).toMillis()));
    try (Statement statement = listening.createStatement()) {
      statement.execute("LISTEN " + InvalidationMessage.CHANNEL);
      backendPid = pg.getBackendPID();
      long heartbeatSentAt = System.nanoTime();
      // LISTEN is in place: whatever commits from now on reaches this connection. What committed
      // while it was away is unknown, so the local tiers start over from the current version.
      onReconnect.accept(persistence.dataVersion());
      reconnects.incrementAndGet();
      outage.confirmed(heartbeatSentAt);
      outage.connected();
      firstConnection.countDown();
      LOG.log(
          System.Logger.Level.INFO,
          "listening for invalidations (backend pid {0,number,#})",
          backendPid);
      while (running) {
        dispatch.dispatchAll(pg.getNotifications((int) (heartbeatNanos / 1_000_000)), onMessage);
        long sentAt = System.nanoTime();
        statement.execute("SELECT 1");
        // Notifications are delivered before the answer of any later query: drain them before
        // the heartbeat counts as confirming them.
        dispatch.dispatchAll(pg.getNotifications(), onMessage);
        outage.confirmed(sentAt);
      }
    }
  }

  private void markDown() {
    outage.disconnected(System.nanoTime());
    backendPid = 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and closes the connection. */
  @Override
  public void close() {
    Thread listener;
    synchronized (this) {
      running = false;
      listener = thread;
    }
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the LISTEN connection: {0}", e.getMessage());
      }
    }
    if (listener != null) {
      try {
        listener.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    markDown();
  }
}
