package io.warden.adapter.driven.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.Metrics.Operation;
import io.warden.application.port.driven.Metrics.OperationStats;
import io.warden.application.port.driven.Metrics.Tier;
import io.warden.application.port.driving.ObservabilityUseCase.Busiest;
import io.warden.application.port.driving.ObservabilityUseCase.Latency;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordedMetricsTest {
  private final SteppingClock clock = new SteppingClock();
  private final RecordedMetrics metrics = new RecordedMetrics(clock);

  @Test
  void the_recent_window_forgets_what_is_older_than_a_minute_and_the_total_does_not() {
    metrics.operation(Operation.CHECK, TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(stats(Operation.CHECK).recent().count()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));
    metrics.operation(Operation.CHECK, TimeUnit.MILLISECONDS.toNanos(2));

    OperationStats check = stats(Operation.CHECK);
    assertThat(check.latency().count()).isEqualTo(2);
    assertThat(check.latency().maxMs()).isCloseTo(100, within(1.0));
    assertThat(check.recent().count()).isEqualTo(1);
    assertThat(check.recent().maxMs()).isCloseTo(2, within(0.02));
  }

  @Test
  void an_operation_with_tiers_takes_its_latency_from_the_outermost_and_hits_from_differences() {
    metrics.declareTiers(Operation.PERMISSION_LOAD, List.of(Tier.L1, Tier.DATABASE));
    for (int i = 0; i < 4; i++) {
      metrics.tier(Tier.L1, Operation.PERMISSION_LOAD, 1, 1_000);
    }
    metrics.tier(Tier.DATABASE, Operation.PERMISSION_LOAD, 1, 5_000_000);

    OperationStats load = stats(Operation.PERMISSION_LOAD);

    assertThat(load.latency().count()).isEqualTo(4);
    assertThat(load.hits(Tier.L1)).isEqualTo(3);
    assertThat(load.hits(Tier.L2)).isZero();
    assertThat(load.misses()).isEqualTo(1);
    assertThat(load.hitRatio())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(0.75, within(1e-9)));
    assertThat(stats(Operation.CHECK).hitRatio()).isEmpty();
  }

  @Test
  void a_batch_counts_its_keys_and_its_calls_apart() {
    metrics.declareTiers(Operation.BATCH_PERMISSION_LOAD, List.of(Tier.L1, Tier.DATABASE));
    metrics.tier(Tier.L1, Operation.BATCH_PERMISSION_LOAD, 100, 1_000);
    metrics.tier(Tier.DATABASE, Operation.BATCH_PERMISSION_LOAD, 30, 1_000);

    OperationStats batch = stats(Operation.BATCH_PERMISSION_LOAD);

    assertThat(batch.latency().count()).isEqualTo(1);
    assertThat(batch.hits(Tier.L1)).isEqualTo(70);
    assertThat(batch.misses()).isEqualTo(30);
  }

  @Test
  void untimed_calls_count_as_calls_and_keys_and_the_timed_ones_stand_for_their_latency() {
    metrics.declareTiers(Operation.PERMISSION_LOAD, List.of(Tier.L1, Tier.DATABASE));
    for (int i = 0; i < 9; i++) {
      metrics.tier(Tier.L1, Operation.PERMISSION_LOAD, 1);
    }
    metrics.tier(Tier.L1, Operation.PERMISSION_LOAD, 1, 2_000);
    metrics.tier(Tier.L1, Operation.PERMISSION_LOAD, 1); // not stood for yet
    metrics.tier(Tier.DATABASE, Operation.PERMISSION_LOAD, 1, 3_000_000);
    metrics.operation(Operation.RATE_LIMIT);
    metrics.operation(Operation.RATE_LIMIT, 4_000);

    OperationStats load = stats(Operation.PERMISSION_LOAD);

    assertThat(load.latency().count()).isEqualTo(11);
    assertThat(load.latency().maxMs()).isCloseTo(0.002, within(0.0001));
    assertThat(load.hits(Tier.L1)).isEqualTo(10);
    assertThat(load.misses()).isEqualTo(1);
    assertThat(stats(Operation.RATE_LIMIT).latency().count()).isEqualTo(2);
    assertThat(stats(Operation.RATE_LIMIT).latency().p50Ms()).isCloseTo(0.004, within(0.0001));
  }

  @Test
  void hits_exposed_to_prometheus_never_go_down() {
    assertThat(metrics.monotonicHits(Operation.CHECK, Tier.L1, 10)).isEqualTo(10);
    assertThat(metrics.monotonicHits(Operation.CHECK, Tier.L1, 9)).isEqualTo(10);
    assertThat(metrics.monotonicHits(Operation.CHECK, Tier.L1, 12)).isEqualTo(12);
  }

  @Test
  void the_busiest_are_sorted_and_a_window_holds_a_bounded_number_of_keys() {
    TenantId busy = tenant();
    UserId alice = user();
    for (int i = 0; i < 5; i++) {
      metrics.checked(busy, alice);
    }
    metrics.checked(tenant(), user());
    for (int i = 0; i < BusiestCounter.MAX_KEYS + 50; i++) {
      metrics.checked(busy, user());
    }

    List<Busiest> users = metrics.snapshot().busiestUsers();
    assertThat(users.get(0).userId()).contains(alice);
    assertThat(users.get(0).checks()).isEqualTo(5);
    assertThat(metrics.snapshot().busiestTenants().get(0).tenantId()).isEqualTo(busy);
    // The users past the bound are not listed, but their tenant counts every check.
    assertThat(metrics.snapshot().busiestTenants().get(0).checks())
        .isEqualTo(5 + BusiestCounter.MAX_KEYS + 50);

    BusiestCounter counter = new BusiestCounter(clock);
    for (int i = 0; i < BusiestCounter.MAX_KEYS + 50; i++) {
      counter.count(busy, user());
    }
    assertThat(counter.users(Integer.MAX_VALUE)).hasSize(BusiestCounter.MAX_KEYS);

    // Two windows later, nothing of the old ones is left.
    clock.advance(Duration.ofMinutes(2));
    assertThat(counter.users(10)).isEmpty();
    assertThat(counter.tenants(10)).isEmpty();
  }

  @Test
  void a_user_checked_in_two_tenants_counts_every_check_and_each_tenant_its_own() {
    TenantId first = tenant();
    TenantId second = tenant();
    UserId alice = user();
    for (int i = 0; i < 7; i++) {
      metrics.checked(first, alice);
    }
    for (int i = 0; i < 3; i++) {
      metrics.checked(second, alice);
    }

    Metrics.Snapshot snapshot = metrics.snapshot();
    assertThat(snapshot.busiestUsers())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.userId()).contains(alice);
              assertThat(u.tenantId()).isEqualTo(first);
              assertThat(u.checks()).isEqualTo(10);
            });
    assertThat(snapshot.busiestTenants())
        .extracting(Busiest::tenantId, Busiest::checks)
        .containsExactly(tuple(first, 7L), tuple(second, 3L));
  }

  @Test
  void checks_turn_the_window_over_without_a_read_and_none_is_lost_at_the_turn() {
    BusiestCounter counter = new BusiestCounter(clock);
    TenantId tenant = tenant();
    UserId alice = user();
    UserId bob = user();
    for (int i = 0; i < 100; i++) {
      counter.count(tenant, alice);
    }
    clock.advance(Duration.ofSeconds(61));
    // No read in between: one check in 16 reads the clock and starts the new minute's window.
    for (int i = 0; i < 1_000; i++) {
      counter.count(tenant, bob);
    }
    // Both minutes are the current and the previous one: every check is there.
    assertThat(counter.users(10))
        .extracting(b -> b.userId().orElseThrow(), Busiest::checks)
        .containsExactlyInAnyOrder(tuple(bob, 1_000L), tuple(alice, 100L));
    assertThat(counter.tenants(10)).singleElement().extracting(Busiest::checks).isEqualTo(1_100L);

    clock.advance(Duration.ofSeconds(60));
    // Alice's minute is two minutes old; bob's checks went (all but the few before the turn) to
    // the minute after it, had the checks not turned the window over they would be gone too.
    List<Busiest> users = counter.users(10);
    assertThat(users).extracting(b -> b.userId().orElseThrow()).containsExactly(bob);
    assertThat(users.get(0).checks()).isBetween(800L, 1_000L);
  }

  @Test
  void revocations_are_kept_per_change_type_within_a_bound() {
    metrics.revoked("role.changed", 3);
    metrics.revoked("role.changed", 5);
    for (int i = 0; i < 100; i++) {
      metrics.revoked("type." + i, 1);
    }

    var revocations = metrics.snapshot().revocations();
    assertThat(revocations).hasSizeLessThanOrEqualTo(65);
    Latency changed =
        revocations.stream()
            .filter(r -> r.changeType().equals("role.changed"))
            .findFirst()
            .orElseThrow()
            .latency();
    assertThat(changed.count()).isEqualTo(2);
    assertThat(changed.maxMs()).isCloseTo(5, within(0.05));
    assertThat(revocations).anySatisfy(r -> assertThat(r.changeType()).isEqualTo("other"));
  }

  private OperationStats stats(Operation operation) {
    return metrics.snapshot().operations().stream()
        .filter(o -> o.operation() == operation)
        .findFirst()
        .orElseThrow();
  }

  private static TenantId tenant() {
    return new TenantId(UUID.randomUUID());
  }

  private static UserId user() {
    return new UserId(UUID.randomUUID());
  }

  /** A clock a test moves forward. */
  private static final class SteppingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
