package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.RefreshToken;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionRepository} must do: a refresh token is spent exactly once even by
 * concurrent spenders, and {@link SessionRepository#state} tells every kind of revocation, also
 * outside a transaction.
 */
public abstract class SessionRepositoryContract extends StorageContract {
  private static final Instant EXPIRY = NOW.plus(Duration.ofDays(30));
  private static final Instant SESSION_END = NOW.plus(Duration.ofDays(7));

  private SessionRepository sessions() {
    return storage().sessions();
  }

  private String newSession(UserId user) {
    String id = "sid-" + unique();
    acrossDo(() -> sessions().createSession(id, user, NOW, SESSION_END));
    return id;
  }

  private String newRefreshToken(String session, Optional<TenantId> tenant) {
    String hash = "hash-" + unique();
    acrossDo(() -> sessions().storeRefreshToken(hash, session, tenant, EXPIRY));
    return hash;
  }

  private Optional<RefreshToken> spend(String hash) {
    return across(() -> sessions().spend(hash, NOW));
  }

  private SessionState state(
      UserId user, String session, String tokenId, Optional<TenantId> tenant) {
    return across(() -> sessions().state(user, session, tokenId, tenant)).orElseThrow();
  }

  @Test
  public void a_refresh_token_is_spent_once_and_remembered_as_spent() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);
    String hash = newRefreshToken(session, Optional.of(tenant));

    RefreshToken first = spend(hash).orElseThrow();
    RefreshToken second = spend(hash).orElseThrow();

    assertThat(first)
        .isEqualTo(
            new RefreshToken(
                session, user, Optional.of(tenant), EXPIRY, false, false, SESSION_END));
    assertThat(second.spentBefore()).isTrue();
    assertThat(spend("hash-of-nothing-" + unique())).isEmpty();
  }

  @Test
  public void a_tenantless_refresh_token_keeps_no_tenant() {
    String hash = newRefreshToken(newSession(newUser()), Optional.empty());

    assertThat(spend(hash).orElseThrow().tenantId()).isEmpty();
  }

  @Test
  public void a_spend_rolled_back_with_its_transaction_leaves_the_token_unspent() {
    String hash = newRefreshToken(newSession(newUser()), Optional.empty());

    try {
      acrossDo(
          () -> {
            sessions().spend(hash, NOW);
            throw new IllegalStateException("the rotation fails after the spend");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }

    assertThat(spend(hash).orElseThrow().spentBefore()).isFalse();
  }

  @Test
  public void of_concurrent_spenders_exactly_one_sees_the_token_unspent() throws Exception {
    String session = newSession(newUser());
    int spenders = 4;
    ExecutorService threads = Executors.newFixedThreadPool(spenders);
    try {
      for (int round = 0; round < 5; round++) {
        String hash = newRefreshToken(session, Optional.empty());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < spenders; i++) {
          Callable<Boolean> attempt =
              () -> {
                start.await();
                return spend(hash).orElseThrow().spentBefore();
              };
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
  public void revoking_a_session_shows_in_its_refresh_tokens_and_its_state() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);
    String hash = newRefreshToken(session, Optional.of(tenant));

    acrossDo(() -> sessions().revokeSession(session, NOW));

    assertThat(spend(hash).orElseThrow().sessionRevoked()).isTrue();
    assertThat(state(user, session, "jti-1", Optional.of(tenant)).sessionRevoked()).isTrue();
  }

  @Test
  public void revoking_all_sessions_ends_every_session_of_the_user_only() {
    UserId user = newUser();
    UserId other = newUser();
    String first = newSession(user);
    String second = newSession(user);
    String others = newSession(other);

    acrossDo(() -> sessions().revokeAllSessions(user, NOW));

    assertThat(state(user, first, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(user, second, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(other, others, "j", Optional.empty()).sessionRevoked()).isFalse();
  }

  @Test
  public void the_state_of_a_standing_token_says_what_the_rows_say() {
    TenantId tenant = newTenant();
    User admin =
        new User(
            UserId.random(),
            someone().email(),
            "Admin",
            "h",
            true,
            true,
            NOW.minus(Duration.ofMinutes(5)));
    acrossDo(() -> storage().users().insert(admin));
    addMember(tenant, admin.id(), true);
    String session = newSession(admin.id());

    assertThat(state(admin.id(), session, "jti-" + unique(), Optional.of(tenant)))
        .isEqualTo(
            new SessionState(
                true, true, NOW.minus(Duration.ofMinutes(5)), false, false, true, true));
  }

  @Test
  public void the_state_can_be_read_outside_a_transaction() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);

    SessionState outside =
        sessions().state(user, session, "jti-outside", Optional.of(tenant)).orElseThrow();

    assertThat(outside.member()).isTrue();
    assertThat(outside.tenantActive()).isTrue();
    assertThat(outside).isEqualTo(state(user, session, "jti-outside", Optional.of(tenant)));
  }

  @Test
  public void a_revoked_token_id_is_reported_and_no_other() {
    UserId user = newUser();
    String session = newSession(user);
    String revoked = "jti-revoked-" + unique();

    acrossDo(() -> sessions().revokeToken(revoked, NOW.plus(Duration.ofMinutes(15))));
    acrossDo(() -> sessions().revokeToken(revoked, NOW.plus(Duration.ofMinutes(1))));

    assertThat(state(user, session, revoked, Optional.empty()).tokenRevoked()).isTrue();
    assertThat(state(user, session, "jti-other-" + unique(), Optional.empty()).tokenRevoked())
        .isFalse();
  }

  @Test
  public void an_unknown_session_or_someone_elses_never_keeps_a_token_alive() {
    UserId user = newUser();
    String session = newSession(user);
    UserId other = newUser();

    for (Optional<SessionState> state :
        List.of(
            across(() -> sessions().state(other, session, "j", Optional.empty())),
            across(() -> sessions().state(user, "sid-unknown-" + unique(), "j", Optional.empty())),
            across(() -> sessions().state(UserId.random(), session, "j", Optional.empty())))) {
      assertThat(state.map(SessionState::sessionRevoked).orElse(true)).isTrue();
    }
    assertThat(across(() -> sessions().state(UserId.random(), session, "j", Optional.empty())))
        .isEmpty();
  }

  @Test
  public void the_state_tells_whether_the_tokens_tenant_is_active_and_the_user_a_member() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    String session = newSession(user);

    SessionState tenantless = state(user, session, "j", Optional.empty());
    assertThat(tenantless.tenantActive()).isFalse();
    assertThat(tenantless.member()).isFalse();
    SessionState unknownTenant = state(user, session, "j", Optional.of(TenantId.random()));
    assertThat(unknownTenant.tenantActive()).isFalse();
    assertThat(unknownTenant.member()).isFalse();
    TenantId lapsedTenant = newTenant();
    addMember(lapsedTenant, user, false);
    SessionState lapsed = state(user, session, "j", Optional.of(lapsedTenant));
    assertThat(lapsed.tenantActive()).isTrue();
    assertThat(lapsed.member()).isFalse();
    acrossDo(() -> storage().tenants().setActive(tenant, false));
    assertThat(state(user, session, "j", Optional.of(tenant)).tenantActive()).isFalse();
  }

  @Test
  public void the_state_follows_the_user_row() {
    UserId user = newUser();
    String session = newSession(user);
    Instant later = NOW.plus(Duration.ofMinutes(3));

    acrossDo(() -> storage().users().setActive(user, false, later));

    SessionState state = state(user, session, "j", Optional.empty());
    assertThat(state.userActive()).isFalse();
    assertThat(state.systemAdmin()).isFalse();
    assertThat(state.tokensValidAfter()).isEqualTo(later);
  }
}
