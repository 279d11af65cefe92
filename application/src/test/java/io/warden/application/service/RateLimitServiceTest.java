package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RateLimitUseCase.Decision;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process limits (no shared store): exact per key, fixed windows, 0 disables. */
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
}
