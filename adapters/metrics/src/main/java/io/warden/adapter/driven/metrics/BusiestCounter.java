package io.warden.adapter.driven.metrics;

import io.warden.application.port.driven.Metrics.Busiest;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks per tenant and per user over the current and the previous minute, for "the busiest tenants
 * and users". Bounded: a window counts at most {@link #MAX_KEYS} tenants and as many users; a key
 * first seen after that is not counted until the next window (random ids cannot grow it). Counting
 * a known key takes a map look-up and an add, without allocating.
 */
final class BusiestCounter {
  static final int MAX_KEYS = 10_000;
  static final long WINDOW_MILLIS = 60_000;

  private final Clock clock;
  private final AtomicReference<Window> current;
  private volatile Window previous;

  BusiestCounter(Clock clock) {
    this.clock = clock;
    this.current = new AtomicReference<>(new Window(epoch()));
    this.previous = new Window(-1);
  }

  void count(TenantId tenant, UserId user) {
    Window window = window();
    add(window.tenants, tenant);
    UserCount count = window.users.get(user);
    if (count == null && window.users.size() < MAX_KEYS) {
      count = window.users.computeIfAbsent(user, u -> new UserCount(tenant));
    }
    if (count != null) {
      count.checks.increment();
    }
  }

  List<Busiest> tenants(int limit) {
    window();
    Map<TenantId, Long> merged = new HashMap<>();
    for (Window w : List.of(previous, current.get())) {
      w.tenants.forEach((tenant, n) -> merged.merge(tenant, n.sum(), Long::sum));
    }
    return merged.entrySet().stream()
        .sorted(Map.Entry.<TenantId, Long>comparingByValue().reversed())
        .limit(limit)
        .map(e -> new Busiest(e.getKey(), Optional.empty(), e.getValue()))
        .toList();
  }

  List<Busiest> users(int limit) {
    window();
    Map<UserId, Busiest> merged = new HashMap<>();
    for (Window w : List.of(previous, current.get())) {
      w.users.forEach(
          (user, n) ->
              merged.merge(
                  user,
                  new Busiest(n.tenant, Optional.of(user), n.checks.sum()),
                  (a, b) -> new Busiest(b.tenantId(), a.userId(), a.checks() + b.checks())));
    }
    return merged.values().stream()
        .sorted(Comparator.comparingLong(Busiest::checks).reversed())
        .limit(limit)
        .toList();
  }

  private Window window() {
    Window window = current.get();
    long epoch = epoch();
    if (window.epoch == epoch) {
      return window;
    }
    Window next = new Window(epoch);
    if (current.compareAndSet(window, next)) {
      // The window just ended is the previous one only if it was the minute right before.
      previous = window.epoch == epoch - 1 ? window : new Window(-1);
      return next;
    }
    return current.get();
  }

  private long epoch() {
    return clock.millis() / WINDOW_MILLIS;
  }

  private static void add(Map<TenantId, LongAdder> counts, TenantId key) {
    LongAdder count = counts.get(key);
    if (count == null && counts.size() < MAX_KEYS) {
      count = counts.computeIfAbsent(key, k -> new LongAdder());
    }
    if (count != null) {
      count.increment();
    }
  }

  /** The checks of one user, with the tenant of the first one counted in the window. */
  private static final class UserCount {
    final TenantId tenant;
    final LongAdder checks = new LongAdder();

    UserCount(TenantId tenant) {
      this.tenant = tenant;
    }
  }

  private static final class Window {
    final long epoch;
    final Map<TenantId, LongAdder> tenants = new ConcurrentHashMap<>();
    final Map<UserId, UserCount> users = new ConcurrentHashMap<>();

    Window(long epoch) {
      this.epoch = epoch;
    }
  }
}
