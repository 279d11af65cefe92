package io.warden.adapter.driven.postgres.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warden.adapter.driven.postgres.InvalidationMessage;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code LISTEN} side of transactional invalidation against a real PostgreSQL: what it hands to
 * the tiers, when it calls itself live, how it comes back after losing its connection (and that it
 * flushes then), and that neither a bad message nor a failing tier stops it. Losing the connection
 * is done for real: its backend is terminated, and new connections to the database are refused for
 * as long as a test needs the listener to stay away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresInvalidationListenerTest {
  private static final Duration BOUND = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final int POOL_SIZE = 4;

  private TestPostgres.Database database;
  private PostgresPersistence persistence;
  private PostgresInvalidationListener listener;
  private final BlockingQueue<Delivered> delivered = new LinkedBlockingQueue<>();
  private final BlockingQueue<Reconnected> reconnected = new LinkedBlockingQueue<>();

  /** One message as the tiers received it. */
  record Delivered(InvalidationScope scope, long version) {}

  /** One call of {@code onReconnect}, and whether the feed called itself live during it. */
  record Reconnected(long version, boolean liveDuringFlush) {}

  @BeforeAll
  void startDatabase() {
    database = TestPostgres.freshDatabase();
    persistence =
        PostgresPersistence.start(
            database.jdbcUrl(), database.user(), database.password(), POOL_SIZE, Clock.systemUTC());
  }

  @AfterAll
  void stopDatabase() {
    if (persistence != null) {
      persistence.close();
    }
  }

  @AfterEach
  void stopListener() throws SQLException {
    allowConnections(true);
    if (listener != null) {
      listener.close();
      listener = null;
    }
    delivered.clear();
    reconnected.clear();
  }

  @Test
  void before_its_first_connection_it_is_not_live_and_its_check_is_down_but_not_critical() {
    listener = PostgresInvalidationListener.create(persistence, BOUND);

    assertThat(listener.live()).isFalse();
    assertThat(listener.backendPid()).isZero();
    assertThat(listener.healthProbe().name()).isEqualTo("invalidation");
    assertThat(listener.healthProbe().critical()).isFalse();
    HealthUseCase.Check check = listener.healthProbe().probe();
    assertThat(check.status()).isEqualTo(HealthUseCase.Status.DOWN);
    assertThat(check.detail()).contains("300 ms");
  }

  @Test
  void rejects_a_bound_that_is_not_positive_and_a_second_start() {
    assertThatThrownBy(() -> PostgresInvalidationListener.create(persistence, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    listener = started();
    assertThatThrownBy(() -> listener.start((scope, version) -> {}, version -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_first_connection_flushes_with_the_current_version_before_the_feed_is_live() {
    long before = persistence.dataVersion();
    listener = started();

    Reconnected first = next(reconnected);
    assertThat(first.version()).isGreaterThanOrEqualTo(before);
    assertThat(first.liveDuringFlush()).isFalse();
    assertThat(listener.live()).isTrue();
    assertThat(listener.connections()).isEqualTo(1);
    assertThat(listener.backendPid()).isPositive();
    assertThat(listener.healthProbe().probe().status()).isEqualTo(HealthUseCase.Status.UP);
  }

  @Test
  void hands_every_committed_change_to_the_tiers_with_its_scope_and_version() {
    listener = started();
    TenantId tenant = TenantId.random();
    UserId user = UserId.random();

    long removed = record(tenant, new RbacEvent.MemberRemoved(tenant, user));
    long flushed = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.UserInTenant(tenant, user), removed));
    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.WholeTenant(tenant), flushed));
    assertThat(listener.received()).isEqualTo(2);
  }

  @Test
  void a_rolled_back_change_is_never_handed_to_the_tiers() {
    listener = started();
    TenantId tenant = TenantId.random();

    assertThatThrownBy(
            () ->
                persistence
                    .transactions()
                    .inTenant(
                        tenant,
                        () -> {
                          persistence.changeJournal().record(new RbacEvent.CacheFlushed(tenant));
                          throw new IllegalStateException("the change fails after its journal");
                        }))
        .isInstanceOf(IllegalStateException.class);
    TenantId other = TenantId.random();
    long committed = record(other, new RbacEvent.CacheFlushed(other));

    // Notifications arrive in commit order: had the rolled-back one been sent, it would be first.
    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.WholeTenant(other), committed));
  }

  @Test
  void an_unreadable_message_on_the_channel_flushes_everything_at_the_current_version() {
    listener = started();

    admin("SELECT pg_notify('" + InvalidationMessage.CHANNEL + "', 'not a warden message')");

    Delivered flush = next(delivered);
    assertThat(flush.scope()).isEqualTo(new InvalidationScope.Everything());
    assertThat(flush.version()).isLessThanOrEqualTo(persistence.dataVersion());
    assertThat(listener.received()).as("not counted as a message").isZero();
    assertThat(listener.live()).isTrue();
  }

  @Test
  void a_tier_that_fails_on_a_message_does_not_stop_the_feed() {
    AtomicBoolean failNext = new AtomicBoolean(true);
    listener = PostgresInvalidationListener.create(persistence, BOUND);
    listener.start(
        (scope, version) -> {
          if (failNext.getAndSet(false)) {
            throw new IllegalStateException("a tier failed");
          }
          delivered.add(new Delivered(scope, version));
        },
        version -> {});
    assertThat(listener.awaitFirstConnection(PATIENCE)).isTrue();
    TenantId tenant = TenantId.random();

    record(tenant, new RbacEvent.CacheFlushed(tenant));
    long second = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.WholeTenant(tenant), second));
    assertThat(listener.connections()).as("the connection was kept").isEqualTo(1);
    assertThat(listener.live()).isTrue();
  }

  @Test
  void after_losing_its_connection_it_is_not_live_until_it_is_back_and_then_flushes_what_it_missed()
      throws SQLException {
    listener = started();
    next(reconnected);
    int firstPid = listener.backendPid();

    awaitPoolFilled();
    allowConnections(false);
    terminate(firstPid);
    await(() -> !listener.live(), "the feed is no longer live");
    HealthUseCase.Check down = listener.healthProbe().probe();
    assertThat(down.status()).isEqualTo(HealthUseCase.Status.DOWN);
    assertThat(down.detail()).contains("LISTEN connection down");
    // A change while it is away reaches no one: PostgreSQL keeps no message for a past listener.
    TenantId tenant = TenantId.random();
    long missed = record(tenant, new RbacEvent.CacheFlushed(tenant));
    assertThat(listener.live()).isFalse();
    assertThat(listener.connections()).isEqualTo(1);

    allowConnections(true);
    Reconnected flush = next(reconnected);

    assertThat(flush.version())
        .as("the flush covers the missed change")
        .isGreaterThanOrEqualTo(missed);
    assertThat(flush.liveDuringFlush()).isFalse();
    await(listener::live, "the feed is live again");
    assertThat(listener.connections()).isEqualTo(2);
    assertThat(listener.backendPid()).isPositive().isNotEqualTo(firstPid);
    assertThat(delivered).isEmpty();
    assertThat(listener.healthProbe().probe().status()).isEqualTo(HealthUseCase.Status.UP);
    // And it listens again.
    long after = record(tenant, new RbacEvent.CacheFlushed(tenant));
    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.WholeTenant(tenant), after));
  }

  @Test
  void a_connection_that_stops_answering_stops_being_live_within_the_bound_of_its_heartbeat()
      throws Exception {
    listener = started();
    next(reconnected);
    int pid = listener.backendPid();
    // Only a backend on this machine, that this user may signal, can be frozen.
    assumeTrue(
        ProcessHandle.of(pid).isPresent() && signal("STOP", pid),
        "the PostgreSQL backend is not a local process this test may signal");
    try {
      await(() -> !listener.live(), "a silent connection is no longer live");
      assertThat(listener.healthProbe().probe().status()).isEqualTo(HealthUseCase.Status.DOWN);
    } finally {
      signal("CONT", pid);
    }
    await(listener::live, "the feed is live again");
    TenantId tenant = TenantId.random();
    long after = record(tenant, new RbacEvent.CacheFlushed(tenant));
    assertThat(next(delivered))
        .isEqualTo(new Delivered(new InvalidationScope.WholeTenant(tenant), after));
  }

  @Test
  void once_closed_it_is_not_live_and_its_connection_is_gone() throws Exception {
    listener = started();
    next(reconnected);
    int pid = listener.backendPid();

    listener.close();

    assertThat(listener.live()).isFalse();
    assertThat(listener.backendPid()).isZero();
    await(() -> !backendExists(pid), "the LISTEN backend is gone");
    TenantId tenant = TenantId.random();
    record(tenant, new RbacEvent.CacheFlushed(tenant));
    assertThat(delivered.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  private PostgresInvalidationListener started() {
    PostgresInvalidationListener started = PostgresInvalidationListener.create(persistence, BOUND);
    CacheInvalidation tiers = (scope, version) -> delivered.add(new Delivered(scope, version));
    LongConsumer flush = version -> reconnected.add(new Reconnected(version, started.live()));
    started.start(tiers, flush);
    assertThat(started.awaitFirstConnection(PATIENCE)).isTrue();
    return started;
  }

  private long record(TenantId tenant, RbacEvent event) {
    return persistence
        .transactions()
        .inTenant(tenant, () -> persistence.changeJournal().record(event));
  }

  private static <T> T next(BlockingQueue<T> queue) {
    try {
      T value = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(value).as("nothing arrived within %s", PATIENCE).isNotNull();
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Ends a backend from the maintenance database: the test database may be refusing us. */
  private void terminate(int pid) {
    database.terminateBackend(pid);
  }

  private boolean backendExists(int pid) {
    return count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) > 0;
  }

  private void admin(String sql) {
    database.adminExecute(sql);
  }

  /** Lets new connections into the test database, or refuses them (the pool keeps its own). */
  private void allowConnections(boolean allow) {
    database.allowConnections(allow);
  }

  /** Sends {@code SIGname} to {@code pid}; whether it was delivered. */
  private static boolean signal(String name, int pid) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Integer.toString(pid))
            .redirectErrorStream(true)
            .start();
    return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
  }

  /**
   * Waits until the pool holds all its connections: while new connections are refused, the tests
   * still commit changes through it.
   */
  private void awaitPoolFilled() {
    await(
        () ->
            count(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'warden'")
                >= POOL_SIZE,
        "the pool holds " + POOL_SIZE + " connections");
  }

  private long count(String sql) {
    return database.adminNumber(sql);
  }
}
