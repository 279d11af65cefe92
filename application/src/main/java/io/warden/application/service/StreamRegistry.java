package io.warden.application.service;

import io.warden.application.port.driving.PermissionEventsUseCase.Cap;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The open streams of an instance, by tenant and user, so that a change finds exactly the streams
 * its scope covers without looking at the others; and the caps on how many may be open.
 */
final class StreamRegistry {
  private final Map<TenantId, Map<UserId, Set<LiveStream>>> byTenant = new ConcurrentHashMap<>();
  private final Map<UserId, Integer> perUser = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final StreamLimits limits;
  private volatile boolean ending;

  StreamRegistry(StreamLimits limits) {
    this.limits = limits;
  }

  /** Takes a slot for one more stream of {@code user}, or says which cap refuses it. */
  Optional<Cap> reserve(UserId user) {
    if (total.incrementAndGet() > limits.perInstance()) {
      total.decrementAndGet();
      return Optional.of(Cap.PER_INSTANCE);
    }
    boolean[] refused = {false};
    perUser.compute(
        user,
        (key, count) -> {
          int held = count == null ? 0 : count;
          if (held >= limits.perUser()) {
            refused[0] = true;
            return count;
          }
          return held + 1;
        });
    if (refused[0]) {
      total.decrementAndGet();
      return Optional.of(Cap.PER_USER);
    }
    return Optional.empty();
  }

  /** Gives back a slot {@link #reserve} took. */
  void release(UserId user) {
    perUser.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
    total.decrementAndGet();
  }

  void add(LiveStream stream) {
    byTenant
        .computeIfAbsent(stream.tenantId(), t -> new ConcurrentHashMap<>())
        .computeIfAbsent(stream.userId(), u -> ConcurrentHashMap.newKeySet())
        .add(stream);
  }

  void remove(LiveStream stream) {
    Map<UserId, Set<LiveStream>> users = byTenant.get(stream.tenantId());
    if (users != null) {
      users.computeIfPresent(
          stream.userId(),
          (user, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
          });
    }
  }

  /** From now on the instance is stopping: streams are ended, none opens. */
  void end() {
    ending = true;
  }

  boolean ending() {
    return ending;
  }

  int size() {
    return total.get();
  }

  /** Every stream the scope covers. */
  void covered(InvalidationScope scope, Consumer<LiveStream> action) {
    switch (scope) {
      case InvalidationScope.Everything e -> all(action);
      case InvalidationScope.WholeTenant t -> ofTenant(byTenant.get(t.tenantId()), action);
      // The tree decides organization-scoped grants and /api/me's organizations: every stream of
      // the tenant re-reads what it shows, and only a stream whose answer changed hears of it.
      case InvalidationScope.TenantTree t -> ofTenant(byTenant.get(t.tenantId()), action);
      case InvalidationScope.WholeUser u ->
          byTenant.values().forEach(users -> ofUser(users.get(u.userId()), action));
      case InvalidationScope.UserInTenant ut -> {
        Map<UserId, Set<LiveStream>> users = byTenant.get(ut.tenantId());
        if (users != null) {
          ofUser(users.get(ut.userId()), action);
        }
      }
    }
  }

  void all(Consumer<LiveStream> action) {
    byTenant.values().forEach(users -> ofTenant(users, action));
  }

  /** Every stream whose heartbeat turn among {@code turns} is {@code turn}. */
  void inTurn(int turn, int turns, Consumer<LiveStream> action) {
    all(
        stream -> {
          if (stream.turn(turns) == turn) {
            action.accept(stream);
          }
        });
  }

  private static void ofTenant(
      @Nullable Map<UserId, Set<LiveStream>> users, Consumer<LiveStream> action) {
    if (users != null) {
      users.values().forEach(streams -> ofUser(streams, action));
    }
  }

  private static void ofUser(@Nullable Set<LiveStream> streams, Consumer<LiveStream> action) {
    if (streams != null) {
      streams.forEach(action);
    }
  }
}
