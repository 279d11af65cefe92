package io.warden.application.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driving.RateLimitUseCase;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-process steps of a check are timed only now and then, every call counted; the tiers that
 * leave the process are timed every call.
 */
class SampledTimingTest {
  private static final int CALLS = 20_000;

  private final Counting metrics = new Counting();
  private final EffectivePermissions source =
      new EffectivePermissions() {
        @Override
        public PermissionSnapshot of(TenantId tenantId, UserId userId) {
          return null;
        }

        @Override
        public Map<UserId, PermissionSnapshot> ofAll(
            TenantId tenantId, Collection<UserId> userIds) {
          return Map.of();
        }
      };

  @Test
  void an_l1_tier_counts_every_call_and_times_a_sample_of_them() {
    var l1 = new MeteredPermissions(metrics, Metrics.Tier.L1, source);
    TenantId tenant = TenantId.random();
    for (int i = 0; i < CALLS; i++) {
      l1.of(tenant, UserId.random());
    }
    l1.ofAll(tenant, List.of(UserId.random(), UserId.random()));

    assertThat(metrics.timed.get() + metrics.untimed.get()).isEqualTo(CALLS + 1);
    assertThat(metrics.keys.get()).isEqualTo(CALLS + 2);
    // One in SAMPLE_ONE_IN on average: far from none and far from all (fails at random with a
    // probability below 1e-30).
    long expected = CALLS / Metrics.SAMPLE_ONE_IN;
    assertThat(metrics.timed.get()).isBetween(expected / 2, expected * 2);
  }

  @Test
  void a_tier_out_of_process_is_timed_every_call() {
    var l2 = new MeteredPermissions(metrics, Metrics.Tier.L2, source);
    var database = new MeteredPermissions(metrics, Metrics.Tier.DATABASE, source);
    for (int i = 0; i < 100; i++) {
      l2.of(TenantId.random(), UserId.random());
      database.of(TenantId.random(), UserId.random());
    }
    assertThat(metrics.timed.get()).isEqualTo(200);
    assertThat(metrics.untimed.get()).isZero();
  }

  @Test
  void rate_limit_decisions_are_all_counted_a_sample_timed_and_refusals_counted_apart() {
    RateLimitUseCase refusing = (rateClass, key) -> new RateLimitUseCase.Decision(false, 10, 0, 60);
    var limiter = new MeteredRateLimits(metrics, refusing);
    for (int i = 0; i < CALLS; i++) {
      assertThat(limiter.acquire(RateClass.API, "u").allowed()).isFalse();
    }
    assertThat(metrics.timed.get() + metrics.untimed.get()).isEqualTo(CALLS);
    assertThat(metrics.timed.get()).isBetween(1L, CALLS / 4L);
    assertThat(metrics.refused.get()).isEqualTo(CALLS);
  }

  /** Counts what the decorators report. */
  private static final class Counting implements Metrics {
    final AtomicLong timed = new AtomicLong();
    final AtomicLong untimed = new AtomicLong();
    final AtomicLong keys = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    @Override
    public void operation(Operation operation, long nanos) {
      timed.incrementAndGet();
    }

    @Override
    public void operation(Operation operation) {
      untimed.incrementAndGet();
    }

    @Override
    public void tier(Tier tier, Operation operation, int keys, long nanos) {
      timed.incrementAndGet();
      this.keys.addAndGet(keys);
    }

    @Override
    public void tier(Tier tier, Operation operation, int keys) {
      untimed.incrementAndGet();
      this.keys.addAndGet(keys);
    }

    @Override
    public void revoked(String changeType, long millis) {}

    @Override
    public void checked(TenantId tenantId, UserId userId) {}

    @Override
    public void rateLimitRefused(String limitClass) {
      refused.incrementAndGet();
    }

    @Override
    public Snapshot snapshot() {
      return Metrics.NONE.snapshot();
    }
  }
}
