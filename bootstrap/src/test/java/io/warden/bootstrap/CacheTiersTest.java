package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driven.cache.TierStats;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The tiers compose as a list: built innermost first, invalidated innermost first, all closed. */
class CacheTiersTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  @Test
  void each_tier_is_built_over_the_one_behind_it_and_the_outermost_answers() {
    CacheTiers tiers = build(List.of(tier("outer"), tier("inner")));

    assertThat(events).containsExactly("build inner", "build outer");
    assertThat(tiers.ports().permissions().of(TenantId.random(), UserId.random()).version())
        .as("the outer tier answers, asking the inner, which asks the source")
        .isEqualTo(3);
    assertThat(tiers.tiers()).extracting(CacheTier::name).containsExactly("inner", "outer");
  }

  @Test
  void invalidation_and_resynchronization_run_innermost_first() {
    CacheTiers tiers = build(List.of(tier("outer"), tier("inner")));
    events.clear();

    tiers.invalidation().invalidate(new InvalidationScope.Everything(), 7);
    tiers.resynchronize(8);

    assertThat(events)
        .containsExactly(
            "invalidate inner 7", "invalidate outer 7", "resync inner 8", "resync outer 8");
  }

  @Test
  void a_tier_that_fails_to_invalidate_does_not_keep_the_others_from_hearing_of_the_change() {
    CacheTiers tiers = build(List.of(tier("outer"), failing("inner")));
    events.clear();

    assertThatThrownBy(() -> tiers.invalidation().invalidate(new InvalidationScope.Everything(), 7))
        .hasMessage("inner is down");
    assertThat(events).containsExactly("invalidate inner 7", "invalidate outer 7");
  }

  @Test
  void every_tier_built_is_handed_over_to_be_closed_even_when_a_later_one_fails_to_build() {
    CacheTier.Builder broken =
        next -> {
          throw new IllegalStateException("cannot start");
        };
    assertThatThrownBy(() -> build(List.of(broken, tier("inner")))).hasMessage("cannot start");

    assertThat(resources).hasSize(1);
  }

  @Test
  void the_decorator_wraps_each_tiers_ports_before_the_next_tier_is_built_over_them() {
    CacheTiers.PortsDecorator plusTen =
        (tier, ports) -> {
          events.add("decorate " + tier.name());
          return ports.withPermissions(plus(10, ports.permissions()));
        };
    CacheTiers tiers =
        CacheTiers.build(
            List.of(tier("outer"), tier("inner")),
            source(),
            plusTen,
            resources,
            StartUpPhases.begin());

    assertThat(events)
        .containsExactly("build inner", "decorate inner", "build outer", "decorate outer");
    assertThat(tiers.ports().permissions().of(TenantId.random(), UserId.random()).version())
        .as("source 1, inner +1, its decorator +10, outer +1, its decorator +10")
        .isEqualTo(23);
  }

  @Test
  void without_tiers_the_source_answers_and_invalidation_does_nothing() {
    CacheTiers tiers = build(List.of());

    assertThat(tiers.isEmpty()).isTrue();
    assertThat(tiers.ports().permissions().of(TenantId.random(), UserId.random()).version())
        .isEqualTo(1);
    tiers.invalidation().invalidate(new InvalidationScope.Everything(), 1);
    assertThat(events).isEmpty();
  }

  private CacheTiers build(List<CacheTier.Builder> outermostFirst) {
    return CacheTiers.build(
        outermostFirst, source(), CacheTiers.PortsDecorator.NONE, resources, StartUpPhases.begin());
  }

  private CacheTier.Builder tier(String name) {
    return next -> new RecordingTier(name, next, false);
  }

  private CacheTier.Builder failing(String name) {
    return next -> new RecordingTier(name, next, true);
  }

  /** The source of truth answers version 1; each tier in front adds one. */
  private static CacheablePorts source() {
    EffectivePermissions permissions =
        new EffectivePermissions() {
          @Override
          public PermissionSnapshot of(TenantId tenantId, UserId userId) {
            return PermissionSnapshot.stranger(1);
          }

          @Override
          public Map<UserId, PermissionSnapshot> ofAll(
              TenantId tenantId, Collection<UserId> userIds) {
            return Map.of();
          }
        };
    return new CacheablePorts(
        permissions,
        unused(SessionRepository.class),
        unused(UserContexts.class),
        unused(TokenCodec.class));
  }

  /** {@code inner}, answering every snapshot it reads with {@code added} on its version. */
  private static EffectivePermissions plus(int added, EffectivePermissions inner) {
    return new EffectivePermissions() {
      @Override
      public PermissionSnapshot of(TenantId tenantId, UserId userId) {
        return PermissionSnapshot.stranger(inner.of(tenantId, userId).version() + added);
      }

      @Override
      public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
        return inner.ofAll(tenantId, userIds);
      }
    };
  }

  private static <T> T unused(Class<T> port) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (proxy, method, args) -> {
              throw new AssertionError("not used: " + method);
            }));
  }

  private final class RecordingTier implements CacheTier {
    private final String name;
    private final CacheablePorts ports;
    private final boolean failing;

    RecordingTier(String name, CacheablePorts next, boolean failing) {
      this.name = name;
      this.failing = failing;
      events.add("build " + name);
      this.ports = next.withPermissions(plus(1, next.permissions()));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CacheablePorts ports() {
      return ports;
    }

    @Override
    public List<TierStats> stats() {
      return new ArrayList<>();
    }

    @Override
    public void invalidate(InvalidationScope scope, long version) {
      events.add("invalidate " + name + " " + version);
      if (failing) {
        throw new IllegalStateException(name + " is down");
      }
    }

    @Override
    public void resynchronize(long version) {
      events.add("resync " + name + " " + version);
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }
}
