package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SessionRepository.RefreshToken;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionRepositoryTest extends PostgresTestBase {

  @Override
  protected int poolSize() {
    return 8;
  }

  private String newSession(UserId user) {
    String id = "sid-" + UUID.randomUUID();
    acrossDo(() -> db.sessions().createSession(id, user, clock.instant()));
    return id;
  }

  private String newRefreshToken(String session, Optional<TenantId> tenant) {
    String hash = "hash-" + UUID.randomUUID();
    Instant expiry = clock.in(30, ChronoUnit.DAYS);
    acrossDo(() -> db.sessions().storeRefreshToken(hash, session, tenant, expiry));
    return hash;
  }

  private Optional<RefreshToken> spend(String hash) {
    return across(() -> db.sessions().spend(hash, clock.instant()));
  }

  @Test
  void a_refresh_token_is_spent_once_and_remembered_as_spent() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);
    String hash = newRefreshToken(session, Optional.of(tenant));

    RefreshToken first = spend(hash).orElseThrow();
    RefreshToken second = spend(hash).orElseThrow();

    assertThat(first)
        .isEqualTo(
            new RefreshToken(
                session, user, Optional.of(tenant), clock.in(30, ChronoUnit.DAYS), false, false));
    assertThat(second.spentBefore()).isTrue();
    assertThat(spend("hash-of-nothing")).isEmpty();
  }

  @Test
  void a_tenantless_refresh_token_keeps_no_tenant() {
    UserId user = newUser();
    String hash = newRefreshToken(newSession(user), Optional.empty());

    assertThat(spend(hash).orElseThrow().tenantId()).isEmpty();
  }

  @Test
  void of_concurrent_spenders_exactly_one_sees_the_token_unspent() throws Exception {
    UserId user = newUser();
    String session = newSession(user);
    int spenders = 8;
    ExecutorService threads = Executors.newFixedThreadPool(spenders);
    try {
      for (int round = 0; round < 10; round++) {
        String hash = newRefreshToken(session, Optional.empty());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < spenders; i++) {
          attempts.add(
              () -> {
                start.await();
                return spend(hash).orElseThrow().spentBefore();
              });
        }
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> attempt : attempts) {
          results.add(threads.submit(attempt));
        }
        start.countDown();
        int unspent = 0;
        for (Future<Boolean> result : results) {
          if (!result.get()) {
            unspent++;
          }
        }
        assertThat(unspent).as("round " + round).isEqualTo(1);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void revoking_a_session_shows_in_its_refresh_tokens_and_its_state() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);
    String hash = newRefreshToken(session, Optional.of(tenant));

    acrossDo(() -> db.sessions().revokeSession(session, clock.instant()));

    assertThat(spend(hash).orElseThrow().sessionRevoked()).isTrue();
    assertThat(state(user, session, "jti-1", Optional.of(tenant)).sessionRevoked()).isTrue();
  }

  @Test
  void revoking_all_sessions_ends_every_session_of_the_user_only() {
    UserId user = newUser();
    UserId other = newUser();
    String first = newSession(user);
    String second = newSession(user);
    String others = newSession(other);

    acrossDo(() -> db.sessions().revokeAllSessions(user, clock.instant()));

    assertThat(state(user, first, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(user, second, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(other, others, "j", Optional.empty()).sessionRevoked()).isFalse();
  }

  @Test
  void the_state_of_a_standing_token_in_one_query() {
    TenantId tenant = newTenant();
    User user =
        User.create(
            new io.warden.domain.model.user.Email(UUID.randomUUID() + "@example.com"),
            "Admin",
            "h",
            true,
            clock.in(-5, ChronoUnit.MINUTES));
    acrossDo(() -> db.users().insert(user));
    addMember(tenant, user.id());
    String session = newSession(user.id());

    int[] used = new int[1];
    SessionState state =
        across(
            () -> {
              statements.reset();
              SessionState s =
                  db.sessions()
                      .state(user.id(), session, "jti-standing", Optional.of(tenant))
                      .orElseThrow();
              used[0] = statements.count();
              return s;
            });

    assertThat(state)
        .isEqualTo(
            new SessionState(
                true, true, clock.in(-5, ChronoUnit.MINUTES), false, false, true, true));
    assertThat(used[0]).isEqualTo(1);
  }

  @Test
  void the_state_read_outside_a_transaction_runs_in_one_of_its_own_across_tenants() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);

    statements.reset();
    SessionState state =
        db.sessions().state(user, session, "jti-outside", Optional.of(tenant)).orElseThrow();

    // The cross-tenant scope of its own transaction, then the one query.
    assertThat(statements.count()).isEqualTo(2);
    assertThat(state.member()).isTrue();
    assertThat(state.tenantActive()).isTrue();
    assertThat(state).isEqualTo(state(user, session, "jti-outside", Optional.of(tenant)));
  }

  @Test
  void the_state_reports_every_kind_of_revocation() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);

    acrossDo(() -> db.sessions().revokeToken("jti-revoked", clock.in(15, ChronoUnit.MINUTES)));
    acrossDo(() -> db.sessions().revokeToken("jti-revoked", clock.in(1, ChronoUnit.MINUTES)));
    assertThat(state(user, session, "jti-revoked", Optional.of(tenant)).tokenRevoked()).isTrue();
    assertThat(adminCount("SELECT extract(epoch FROM expires_at)::bigint FROM revoked_tokens"))
        .as("the later expiry is kept")
        .isEqualTo(clock.in(15, ChronoUnit.MINUTES).getEpochSecond());
    assertThat(state(user, session, "jti-other", Optional.of(tenant)).tokenRevoked()).isFalse();

    // Someone else's or an unknown session never keeps a token alive.
    UserId other = newUser();
    assertThat(state(other, session, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(user, "sid-unknown", "j", Optional.empty()).sessionRevoked()).isTrue();

    // No tenant, an unknown tenant, an inactive tenant, an inactive or absent membership.
    SessionState tenantless = state(user, session, "j", Optional.empty());
    assertThat(tenantless.tenantActive()).isFalse();
    assertThat(tenantless.member()).isFalse();
    SessionState unknownTenant = state(user, session, "j", Optional.of(TenantId.random()));
    assertThat(unknownTenant.tenantActive()).isFalse();
    assertThat(unknownTenant.member()).isFalse();
    acrossDo(() -> db.tenants().setActive(tenant, false));
    assertThat(state(user, session, "j", Optional.of(tenant)).tenantActive()).isFalse();
    TenantId lapsedTenant = newTenant();
    inTenantDo(
        lapsedTenant, () -> db.memberships().insert(new Membership(lapsedTenant, user, false)));
    SessionState lapsed = state(user, session, "j", Optional.of(lapsedTenant));
    assertThat(lapsed.tenantActive()).isTrue();
    assertThat(lapsed.member()).isFalse();

    assertThat(across(() -> db.sessions().state(UserId.random(), session, "j", Optional.empty())))
        .isEmpty();
  }

  private SessionState state(
      UserId user, String session, String tokenId, Optional<TenantId> tenant) {
    return across(() -> db.sessions().state(user, session, tokenId, tenant)).orElseThrow();
  }
}
