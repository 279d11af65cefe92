package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the sessions (one query per state, the stored expiry of a revoked
 * token); the port's contract runs in {@link PostgresStorageContractTest}.
 */
class SessionRepositoryTest extends PostgresTestBase {

  private String newSession(UserId user) {
    String id = "sid-" + UUID.randomUUID();
    acrossDo(
        () -> db.sessions().createSession(id, user, clock.instant(), clock.in(7, ChronoUnit.DAYS)));
    return id;
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
  void a_revoked_token_id_keeps_the_later_of_its_expiries() {
    acrossDo(() -> db.sessions().revokeToken("jti-revoked", clock.in(15, ChronoUnit.MINUTES)));
    acrossDo(() -> db.sessions().revokeToken("jti-revoked", clock.in(1, ChronoUnit.MINUTES)));

    assertThat(adminCount("SELECT extract(epoch FROM expires_at)::bigint FROM revoked_tokens"))
        .isEqualTo(clock.in(15, ChronoUnit.MINUTES).getEpochSecond());
  }

  /** Someone else's or an unknown session is reported revoked, not absent: the user exists. */
  @Test
  void an_unknown_session_reads_as_revoked() {
    UserId user = newUser();
    String session = newSession(user);

    assertThat(state(newUser(), session, "j", Optional.empty()).sessionRevoked()).isTrue();
    assertThat(state(user, "sid-unknown", "j", Optional.empty()).sessionRevoked()).isTrue();
  }

  private SessionState state(
      UserId user, String session, String tokenId, Optional<TenantId> tenant) {
    return across(() -> db.sessions().state(user, session, tokenId, tenant)).orElseThrow();
  }
}
