package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With no Redis at all (a port nobody listens on): answers come from the next tier, every failed
 * eviction moves the epoch on, and an outage cannot start an endless chain of epoch advances.
 */
class RedisUnreachableTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingEffectivePermissions database = new CountingEffectivePermissions();
  private final InMemoryCacheEpochs epochs = new InMemoryCacheEpochs(7);
  private final TenantId tenant = TenantId.random();
  private final UserId user = UserId.random();
  private RedisL2 l2;

  @BeforeEach
  void connectToNothing() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    l2 = RedisL2.connect(RedisL2Settings.defaults("redis://127.0.0.1:" + deadPort));
  }

  @AfterEach
  void close() {
    l2.close();
  }

  private RedisPermissionCache instance() {
    return new RedisPermissionCache(database, epochs, clock, l2);
  }

  @Test
  void waiting_for_a_connection_that_is_refused_answers_false_without_throwing() {
    assertThat(l2.awaitConnected(Duration.ofSeconds(5))).isFalse();
    assertThat(l2.connected()).isFalse();
  }

  @Test
  void answers_come_from_the_next_tier_and_count_as_errors() {
    database.grant(tenant, user, "users.view");
    RedisPermissionCache cache = instance();

    for (int i = 0; i < 3; i++) {
      assertThat(cache.of(tenant, user).permissions().names()).containsExactly("users.view");
    }
    assertThat(cache.ofAll(tenant, List.of(user)).get(user).permissions().names())
        .containsExactly("users.view");

    assertThat(database.usersLoaded()).isEqualTo(4);
    assertThat(cache.errors()).as("one failed read per request, no write attempted").isEqualTo(4);
    assertThat(cache.hits() + cache.misses()).isZero();
  }

  @Test
  void an_eviction_that_cannot_reach_redis_advances_the_epoch() {
    RedisPermissionCache cache = instance();

    cache.invalidate(new UserInTenant(tenant, user), database.touch());
    assertThat(epochs.advances()).isEqualTo(1);
    assertThat(cache.epoch()).isEqualTo(8);

    cache.invalidate(new WholeTenant(tenant), database.touch());
    cache.invalidate(new WholeUser(user), database.touch());
    assertThat(epochs.advances()).isEqualTo(3);
    assertThat(cache.epoch()).isEqualTo(10);
  }

  @Test
  void the_announced_advance_does_not_advance_again_on_any_instance() {
    RedisPermissionCache writer = instance();
    RedisPermissionCache other = instance();
    epochs.announceTo(writer, database::touch);
    epochs.announceTo(other, database::touch);

    writer.invalidate(new UserInTenant(tenant, user), database.touch());

    assertThat(epochs.advances()).isEqualTo(1);
    assertThat(writer.epoch()).isEqualTo(8);
    assertThat(other.epoch()).isEqualTo(8);
  }

  @Test
  void an_everything_eviction_advances_once_and_its_announcement_stops_there() {
    RedisPermissionCache writer = instance();
    RedisPermissionCache other = instance();
    epochs.announceTo(writer, database::touch);
    epochs.announceTo(other, database::touch);

    writer.invalidate(new Everything(), database.touch());
    other.invalidate(new Everything(), database.version());

    assertThat(epochs.advances()).isEqualTo(1);
    assertThat(other.epoch()).isEqualTo(8);
  }

  @Test
  void when_the_epoch_cannot_be_advanced_either_the_writer_is_told() {
    RedisPermissionCache cache = instance();
    epochs.failing(true);

    assertThatThrownBy(() -> cache.invalidate(new WholeTenant(tenant), database.touch()))
        .isInstanceOf(Unavailable.class)
        .hasMessageContaining("committed");
    assertThat(cache.epoch()).isEqualTo(7);
  }

  @Test
  void the_breaker_opens_and_then_refuses_calls_without_trying() {
    RedisPermissionCache cache = instance();
    for (int i = 0; i < 20 && !"OPEN".equals(cache.breakerState()); i++) {
      cache.of(tenant, user);
    }
    assertThat(cache.breakerState()).isEqualTo("OPEN");
    long sent = l2.roundTrips();

    cache.of(tenant, user);

    assertThat(l2.roundTrips()).isEqualTo(sent);
    assertThat(l2.healthProbe().probe().status()).isEqualTo(Status.DOWN);
  }

  @Test
  void the_health_probe_is_down_without_redis() {
    var check = l2.healthProbe().probe();

    assertThat(check.status()).isEqualTo(Status.DOWN);
    assertThat(check.detail()).isNotBlank();
  }

  @Test
  void a_call_never_waits_anywhere_near_lettuces_default_timeout() {
    RedisPermissionCache cache = instance();
    long started = System.nanoTime();

    cache.of(tenant, user);

    // Generous sanity bound only: Lettuce's 60 s default must not be what ends the wait.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
