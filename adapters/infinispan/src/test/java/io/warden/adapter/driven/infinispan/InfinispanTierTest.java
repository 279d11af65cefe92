package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.InMemoryRbac;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driven.cache.TierStats;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** L1 as one tier: its five caches in one manager, every RBAC cache hearing every invalidation. */
class InfinispanTierTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  private static final UserId U1 = new UserId(new UUID(0x05e7, 1));

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryRbac rbac = new InMemoryRbac(clock);
  private final CountingPermissions permissions = new CountingPermissions(rbac);
  private final CountingSessions sessions = new CountingSessions();
  private final CountingUserContexts contexts = new CountingUserContexts(clock);
  private final CountingTokenCodec tokens = new CountingTokenCodec();
  private InfinispanTier tier;

  @BeforeEach
  void setUp() {
    rbac.grant(T1, U1, "reports.view");
    sessions.putUser(U1, true, START.minusSeconds(3600));
    sessions.putTenant(T1, true);
    sessions.putMember(T1, U1, true);
    sessions.putSession("s1", U1);
    contexts.putUser(new User(U1, new Email("ada@acme.test"), "Ada", "hash", true, false, START));
    contexts.putTenant(new Tenant(T1, "acme", "Acme", true));
    tier =
        (InfinispanTier)
            InfinispanTier.builder(
                    InvalidationFeed.ALWAYS_LIVE,
                    clock,
                    new L1Limits(100, Duration.ofMinutes(10), Duration.ofSeconds(1)))
                .over(new CacheablePorts(permissions, sessions, contexts, tokens));
  }

  @AfterEach
  void tearDown() {
    tier.close();
  }

  @Test
  void the_five_caches_of_the_tier_run_in_one_cache_manager() {
    // permissions, session states, user contexts, organization trees, verified tokens
    assertThat(tier.manager().runningCaches()).isEqualTo(5);

    tier.close();

    assertThat(tier.manager().runningCaches()).isZero();
  }

  @Test
  void a_tier_built_on_a_manager_started_elsewhere_runs_its_caches_there_and_stops_it() {
    L1CacheManager started = L1CacheManager.start();
    InfinispanTier onStarted =
        (InfinispanTier)
            InfinispanTier.builder(
                    InvalidationFeed.ALWAYS_LIVE,
                    clock,
                    new L1Limits(100, Duration.ofMinutes(10), Duration.ofSeconds(1)),
                    () -> started)
                .over(new CacheablePorts(permissions, sessions, contexts, tokens));

    assertThat(onStarted.manager()).isSameAs(started);
    assertThat(started.runningCaches()).isEqualTo(5);

    onStarted.close();

    assertThat(started.runningCaches()).as("the tier owns the manager it was given").isZero();
  }

  @Test
  void every_port_of_the_next_tier_is_decorated_and_warm_reads_do_not_reach_it() {
    CacheablePorts ports = tier.ports();
    String token = tokens.issue(claims());
    for (int i = 0; i < 3; i++) {
      ports.permissions().of(T1, U1);
      ports.sessions().state(U1, "s1", "j1", Optional.of(T1));
      ports.userContexts().of(T1, U1);
      ports.tokens().verify(token, START);
    }

    assertThat(permissions.ofCalls()).isEqualTo(1);
    assertThat(sessions.stateCalls()).isEqualTo(1);
    assertThat(contexts.calls()).isEqualTo(1);
    assertThat(tokens.verifyCalls()).isEqualTo(1);
  }

  @Test
  void an_invalidation_of_the_tier_reaches_every_cache_that_depends_on_rbac_data() {
    CacheablePorts ports = tier.ports();
    String token = tokens.issue(claims());
    warm(ports, token);

    tier.invalidate(new InvalidationScope.UserInTenant(T1, U1), 1);
    warm(ports, token);

    assertThat(permissions.ofCalls()).isEqualTo(2);
    assertThat(sessions.stateCalls()).isEqualTo(2);
    assertThat(contexts.calls()).isEqualTo(2);
    assertThat(tokens.verifyCalls())
        .as("a verified token's claims hold until exp, whatever RBAC changes")
        .isEqualTo(1);
  }

  @Test
  void resynchronizing_after_the_feed_was_down_forgets_everything() {
    CacheablePorts ports = tier.ports();
    String token = tokens.issue(claims());
    warm(ports, token);

    tier.resynchronize(1);
    warm(ports, token);

    assertThat(permissions.ofCalls()).isEqualTo(2);
    assertThat(sessions.stateCalls()).isEqualTo(2);
    assertThat(contexts.calls()).isEqualTo(2);
  }

  @Test
  void a_strangers_permissions_are_never_kept() {
    UserId stranger = new UserId(new UUID(0x05e7, 99));
    tier.ports().permissions().of(T1, stranger);
    tier.ports().permissions().of(T1, stranger);

    assertThat(permissions.ofCalls()).isEqualTo(2);
    assertThat(tier.permissions().stats().size()).isZero();
  }

  @Test
  void stats_name_each_cache_and_count_its_hits_and_misses() {
    tier.ports().permissions().of(T1, U1);
    tier.ports().permissions().of(T1, U1);

    List<TierStats> stats = tier.stats();

    assertThat(stats)
        .extracting(TierStats::cache)
        .containsExactly("permissions", "session-states", "user-contexts", "verified-tokens");
    assertThat(stats.getFirst().hits()).isEqualTo(1);
    assertThat(stats.getFirst().misses()).isEqualTo(1);
    assertThat(stats.getFirst().entries()).hasValue(1);
    assertThat(tier.name()).isEqualTo("l1");
  }

  private void warm(CacheablePorts ports, String token) {
    ports.permissions().of(T1, U1);
    ports.sessions().state(U1, "s1", "j1", Optional.of(T1));
    ports.userContexts().of(T1, U1);
    ports.tokens().verify(token, START);
  }

  private static AccessClaims claims() {
    return new AccessClaims(
        U1, "s1", "j1", START.minusSeconds(1), START.plusSeconds(900), Optional.of(T1));
  }
}
