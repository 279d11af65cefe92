package io.warden.adapter.driven.metrics;

import io.warden.application.port.driving.ObservabilityUseCase.Busiest;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Checks per tenant and per user over the current and the previous minute, for "the busiest tenants
 * and users". Every check is counted (no sampling).
 *
 * <p>The hot path is one map look-up and one add: a check is counted on its user's entry, which
 * also stands for the user's tenant (the tenant of the user's first check in the window); a
 * tenant's count is summed from its users' entries when read. Only the rare checks that an entry
 * cannot stand for — a user checked in a second tenant in the same window, or a user past the bound
 * — go to a map of tenants of their own.
 *
 * <p>Bounded: a window has at most {@link #MAX_KEYS} user entries and as many tenants of their own;
 * a user first seen past that is counted only for its tenant, and a tenant past that not at all
 * until the next window (random ids cannot grow it).
 *
 * <p>A check does not read the clock: one check in {@value #CLOCK_ONE_IN}, drawn at random, and
 * every read do, and turn the window over when its minute has passed. So a minute's first few
 * checks (about {@value #CLOCK_ONE_IN}, or until the next read) may count in the minute before; a
 * minute is read as the current or the previous one all the same, so the figures move by those few
 * checks at most once a minute, and only after an idle minute can they drop them.
 */
final class BusiestCounter {
  static final int MAX_KEYS = 10_000;
  static final long WINDOW_MILLIS = 60_000;

  /** One check in this many reads the clock (a power of two). */
  static final int CLOCK_ONE_IN = 16;

  private final Clock clock;
  private final AtomicReference<Window> current;
  private volatile Window previous;

  BusiestCounter(Clock clock) {
    this.clock = clock;
    this.current = new AtomicReference<>(new Window(epoch()));
    this.previous = new Window(-1);
  }

  void count(TenantId tenant, UserId user) {
    Window window =
        (ThreadLocalRandom.current().nextInt() & (CLOCK_ONE_IN - 1)) == 0
            ? window()
            : current.get();
    UserCount count = window.users.get(user);
    if (count != null && count.tenant.equals(tenant)) {
      count.checks.increment();
    } else {
      countRarely(window, tenant, user, count);
    }
  }

  /** A user not in the window yet, or checked in another tenant than its entry's. */
  private static void countRarely(
      Window window, TenantId tenant, UserId user, @Nullable UserCount count) {
    if (count == null && window.users.size() < MAX_KEYS) {
      count = window.users.computeIfAbsent(user, u -> new UserCount(tenant));
    }
    if (count == null) {
      add(window.tenants, tenant); // past the bound: the tenant still counts it
      return;
    }
    count.checks.increment();
    if (!count.tenant.equals(tenant)) {
      // The user's count has every check; its entry's tenant must not get this one.
      count.elsewhere.increment();
      add(window.tenants, tenant);
    }
  }

  List<Busiest> tenants(int limit) {
    window();
    Map<TenantId, Long> merged = new HashMap<>();
    for (Window w : List.of(previous, current.get())) {
      w.users.forEach(
          (user, n) -> {
            long own = n.checks.sum() - n.elsewhere.sum();
            if (own > 0) {
              merged.merge(n.tenant, own, Long::sum);
            }
          });
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

  /** The current window, turned over first if its minute has passed. */
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

  /**
   * The checks of one user in the window, with the tenant of the first one: {@code checks} has them
   * all, {@code elsewhere} those in other tenants (counted for those tenants in the window's map).
   */
  private static final class UserCount {
    final TenantId tenant;
    final LongAdder checks = new LongAdder();
    final LongAdder elsewhere = new LongAdder();

    UserCount(TenantId tenant) {
      this.tenant = tenant;
    }
  }

  private static final class Window {
    final long epoch;
    final Map<UserId, UserCount> users = new ConcurrentHashMap<>();

    /** Checks no user entry stands for: past the users' bound, or in a user's second tenant. */
    final Map<TenantId, LongAdder> tenants = new ConcurrentHashMap<>();

    Window(long epoch) {
      this.epoch = epoch;
    }
  }
}
