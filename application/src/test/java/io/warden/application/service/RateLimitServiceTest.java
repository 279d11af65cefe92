package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RateLimitUseCase.Decision;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-process limits (no shared store): exact per key, fixed windows, 0 disables; and how the
 * shared limits answer a store that fails once (asked again, else 503) or is down (breaker open:
 * local limits divided by the live instances).
 */
class RateLimitServiceTest {
  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

  private RateLimitService service(Map<RateClass, Long> limits) {
    return new RateLimitService(limits, Optional.empty(), InstanceRegistry.SINGLE, now::get);
  }

  @Test
  void a_key_gets_its_limit_per_window_and_then_a_refusal_until_the_window_ends() {
    RateLimitService limits = service(Map.of(RateClass.API, 3L));

    Decision first = limits.acquire(RateClass.API, "u1");
    assertThat(first).isEqualTo(new Decision(true, 3, 2, 60));
    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    assertThat(limits.acquire(RateClass.API, "u1")).isEqualTo(new Decision(true, 3, 1, 50));
    assertThat(limits.acquire(RateClass.API, "u1")).isEqualTo(new Decision(true, 3, 0, 50));
    Decision refused = limits.acquire(RateClass.API, "u1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.resetSeconds()).isEqualTo(50);
    assertThat(limits.refusals(RateClass.API)).isEqualTo(1);

    // Another key, and another class with the same key, are counted apart.
    assertThat(limits.acquire(RateClass.API, "u2").allowed()).isTrue();

    now.addAndGet(TimeUnit.SECONDS.toNanos(50));
    assertThat(limits.acquire(RateClass.API, "u1")).isEqualTo(new Decision(true, 3, 2, 60));
  }

  @Test
  void reset_seconds_round_up_and_are_never_zero() {
    RateLimitService limits = service(Map.of(RateClass.CHECK, 1L));
    limits.acquire(RateClass.CHECK, "k");
    now.addAndGet(TimeUnit.SECONDS.toNanos(60) - 1);
    Decision refused = limits.acquire(RateClass.CHECK, "k");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.resetSeconds()).isEqualTo(1);
  }

  @Test
  void zero_disables_a_class_and_it_carries_no_limit() {
    RateLimitService limits = service(Map.of(RateClass.API, 0L, RateClass.AUTH, 1L));
    for (int i = 0; i < 1000; i++) {
      assertThat(limits.acquire(RateClass.API, "u1")).isEqualTo(Decision.UNLIMITED);
    }
    assertThat(Decision.UNLIMITED.limited()).isFalse();
    assertThat(limits.acquire(RateClass.AUTH, "a").allowed()).isTrue();
    assertThat(limits.acquire(RateClass.AUTH, "a").allowed()).isFalse();
    // A class absent from the map is disabled too.
    assertThat(limits.acquire(RateClass.UPLOAD, "u1")).isEqualTo(Decision.UNLIMITED);
  }

  @Test
  void the_auth_window_is_fifteen_minutes() {
    RateLimitService limits = service(Map.of(RateClass.AUTH, 1L));
    assertThat(limits.acquire(RateClass.AUTH, "a").resetSeconds()).isEqualTo(900);
    now.addAndGet(TimeUnit.MINUTES.toNanos(14));
    assertThat(limits.acquire(RateClass.AUTH, "a").allowed()).isFalse();
    now.addAndGet(TimeUnit.MINUTES.toNanos(1));
    assertThat(limits.acquire(RateClass.AUTH, "a").allowed()).isTrue();
  }

  @Test
  void sweeping_forgets_only_windows_that_ended() {
    RateLimitService limits = service(Map.of(RateClass.API, 5L, RateClass.AUTH, 5L));
    limits.acquire(RateClass.API, "u1");
    limits.acquire(RateClass.AUTH, "a1");
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    limits.sweep();
    assertThat(limits.trackedKeys()).isEqualTo(1); // the 15-minute window is still running
    assertThat(limits.acquire(RateClass.AUTH, "a1").remaining()).isEqualTo(3);
  }

  @Test
  void negative_limits_are_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service(Map.of(RateClass.API, -1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api");
  }

  @Test
  void in_process_limits_are_healthy() {
    assertThat(service(Map.of()).healthProbe().probe().status()).isEqualTo(Status.UP);
    assertThat(service(Map.of()).healthProbe().critical()).isFalse();
  }

  @Test
  void a_take_that_fails_once_with_the_breaker_closed_is_asked_again() {
    FlakyStore store = new FlakyStore();
    RateLimitService limits = shared(store, 100);
    store.failures = 1;
    assertThat(limits.acquire(RateClass.API, "u1").allowed()).isTrue();
    assertThat(store.calls).isEqualTo(2);
    assertThat(limits.inFallback()).isFalse();
  }

  @Test
  void
      a_store_failing_with_its_breaker_closed_refuses_with_503_and_never_admits_beyond_the_limit() {
    FlakyStore store = new FlakyStore();
    RateLimitService limits = shared(store, 100); // 4 live: slices of 1, fallback 25
    int allowed = 0;
    for (int i = 0; i < 90; i++) {
      allowed += limits.acquire(RateClass.API, "u1").allowed() ? 1 : 0;
    }
    store.failures = 2;
    assertThatThrownBy(() -> limits.acquire(RateClass.API, "u1"))
        .isInstanceOf(Overloaded.class)
        .hasMessageContaining("did not answer");
    assertThat(limits.inFallback()).isFalse();
    assertThat(limits.refusals(RateClass.API)).isZero(); // a 503, not a rate-limit refusal
    for (int i = 0; i < 200; i++) {
      allowed += limits.acquire(RateClass.API, "u1").allowed() ? 1 : 0;
    }
    // Before, the failed take opened a local window of 100 / 4 on top: 115.
    assertThat(allowed).isEqualTo(100);
  }

  @Test
  void a_store_whose_breaker_is_open_means_local_limits_divided_by_the_live_instances() {
    FlakyStore store = new FlakyStore();
    RateLimitService limits = shared(store, 100);
    store.failures = Integer.MAX_VALUE;
    store.refusing = true;
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      allowed += limits.acquire(RateClass.API, "u1").allowed() ? 1 : 0;
    }
    assertThat(limits.inFallback()).isTrue();
    assertThat(allowed).isEqualTo(25);
    assertThat(store.calls).isEqualTo(1); // the breaker answered at once; no second call
  }

  @Test
  void a_closed_limiter_leases_nothing_and_counts_nothing_locally() {
    FlakyStore store = new FlakyStore();
    RateLimitService limits = shared(store, 400); // slices of 5
    limits.acquire(RateClass.API, "u1");
    limits.close();
    assertThatThrownBy(() -> limits.acquire(RateClass.API, "u1")).isInstanceOf(Overloaded.class);
    assertThat(store.bucket).isEqualTo(399); // the unspent permits of its slice went back
  }

  private RateLimitService shared(QuotaStore store, long apiLimit) {
    return new RateLimitService(
        Map.of(RateClass.API, apiLimit), Optional.of(store), () -> 4, now::get);
  }

  /** One bucket in memory (the key is ignored), failing its next {@code failures} calls. */
  private static final class FlakyStore implements QuotaStore {
    long bucket = -1;
    int failures;
    int calls;
    boolean refusing;

    @Override
    public Slice take(String key, long limit, Duration window, long wanted) {
      calls++;
      if (failures > 0) {
        failures--;
        throw new Unavailable("timed out");
      }
      if (bucket < 0) {
        bucket = limit;
      }
      long granted = Math.min(wanted, bucket);
      bucket -= granted;
      return new Slice(granted, bucket, window.toNanos());
    }

    @Override
    public void giveBack(String key, long limit, Duration window, long permits) {
      bucket = Math.min(limit, bucket + permits);
    }

    @Override
    public boolean refusing() {
      return refusing;
    }

    @Override
    public String describe() {
      return "flaky store";
    }
  }
}
