package io.warden.adapter.driven.infinispan;

import static io.warden.adapter.driven.infinispan.CacheCounts.assertCounts;
import static io.warden.adapter.driven.infinispan.Races.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.infinispan.Races.Hold;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CachedSessionStatesTest extends L1CacheContract<CachedSessionStates> {

  /** U1's token of tenant T1. */
  private static final SessionStateKey A = new SessionStateKey(U1, "s1", "j1", Optional.of(T1));

  /** U1's tenant-less token of the same session. */
  private static final SessionStateKey B = new SessionStateKey(U1, "s1", "j2", Optional.empty());

  /** U1's token of tenant T2, in another session. */
  private static final SessionStateKey C = new SessionStateKey(U1, "s2", "j3", Optional.of(T2));

  /** U2's token of tenant T1. */
  private static final SessionStateKey D = new SessionStateKey(U2, "s3", "j4", Optional.of(T1));

  /** U2's tenant-less token. */
  private static final SessionStateKey E = new SessionStateKey(U2, "s3", "j5", Optional.empty());

  private static final Map<String, SessionStateKey> KEYS =
      Map.of("A", A, "B", B, "C", C, "D", D, "E", E);

  private final CountingSessions next = new CountingSessions();

  CachedSessionStatesTest() {
    super(CachedSessionStates::stats, CachedSessionStates::store);
  }

  @BeforeEach
  void putData() {
    next.putUser(U1, true, START.minusSeconds(3600));
    next.putUser(U2, true, START.minusSeconds(3600));
    next.putTenant(T1, true);
    next.putTenant(T2, true);
    next.putMember(T1, U1, true);
    next.putMember(T2, U1, true);
    next.putMember(T1, U2, true);
    next.putSession("s1", U1);
    next.putSession("s2", U1);
    next.putSession("s3", U2);
  }

  @Test
  void a_warm_read_does_not_call_the_repository() {
    Optional<SessionState> first = state(A);
    for (int i = 0; i < 5; i++) {
      assertThat(state(A)).isSameAs(first);
    }

    assertThat(first).hasValueSatisfying(s -> assertThat(s.member()).isTrue());
    assertThat(next.stateCalls()).isEqualTo(1);
    assertCounts(cache.stats(), 5, 1, 1, 1);
  }

  @Test
  void every_argument_is_part_of_the_key() {
    SessionStateKey otherToken = new SessionStateKey(U1, "s1", "j9", Optional.of(T1));
    SessionStateKey otherTenant = new SessionStateKey(U1, "s1", "j1", Optional.of(T2));
    SessionStateKey noTenant = new SessionStateKey(U1, "s1", "j1", Optional.empty());
    SessionStateKey otherSession = new SessionStateKey(U1, "s2", "j1", Optional.of(T1));
    SessionStateKey otherUser = new SessionStateKey(U2, "s1", "j1", Optional.of(T1));
    next.revokeToken("j9", START.plusSeconds(900));

    for (SessionStateKey key : List.of(A, otherToken, otherTenant, noTenant, otherSession)) {
      assertThat(reloads(key)).as("%s", key).isTrue();
    }
    assertThat(reloads(otherUser)).as("a session that is not the user's").isTrue();
    assertThat(state(otherToken)).hasValueSatisfying(s -> assertThat(s.tokenRevoked()).isTrue());
    assertThat(state(A)).hasValueSatisfying(s -> assertThat(s.tokenRevoked()).isFalse());
    assertThat(state(otherUser)).isEmpty();
    assertThat(next.stateCalls()).isEqualTo(6);
  }

  static Stream<Arguments> scopes_and_what_they_evict() {
    return Stream.of(
        Arguments.of(new InvalidationScope.UserInTenant(T1, U1), Set.of("A")),
        Arguments.of(new InvalidationScope.WholeTenant(T1), Set.of("A", "D")),
        Arguments.of(new InvalidationScope.WholeUser(U1), Set.of("A", "B", "C")),
        Arguments.of(new InvalidationScope.Everything(), Set.of("A", "B", "C", "D", "E")));
  }

  @ParameterizedTest
  @MethodSource("scopes_and_what_they_evict")
  void each_scope_evicts_the_states_it_covers_and_nothing_else(
      InvalidationScope scope, Set<String> evicted) {
    KEYS.values().forEach(this::state);

    cache.invalidate(scope, 1);

    for (Map.Entry<String, SessionStateKey> key : KEYS.entrySet()) {
      assertThat(reloads(key.getValue()))
          .as("%s evicts %s", scope, key.getKey())
          .isEqualTo(evicted.contains(key.getKey()));
    }
  }

  @Test
  void whole_user_invalidation_costs_no_scan() {
    KEYS.values().forEach(this::state);
    long sizeBefore = cache.stats().size();

    cache.invalidate(new InvalidationScope.WholeUser(U1), 1);

    // O(1): nothing was looked up or removed, the entries simply no longer count.
    assertThat(cache.stats().size()).isEqualTo(sizeBefore);
    assertThat(reloads(A)).isTrue();
    assertThat(reloads(B)).isTrue();
    assertThat(reloads(C)).isTrue();
  }

  @Test
  void everything_invalidation_frees_every_entry() {
    KEYS.values().forEach(this::state);

    cache.invalidate(new InvalidationScope.Everything(), 1);

    assertThat(cache.stats().size()).isZero();
  }

  @Test
  void logout_is_seen_by_the_next_check_once_its_invalidation_arrives() {
    state(A);
    state(B);

    // Through the decorator, as LogoutService does inside the change's transaction.
    cache.revokeSession("s1", START);
    cache.revokeToken("j1", START.plusSeconds(900));
    assertThat(state(A))
        .as("the revocations alone evict nothing: the transaction has not committed yet")
        .hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isFalse());
    cache.invalidate(new InvalidationScope.WholeUser(U1), 7);

    assertThat(state(A))
        .hasValueSatisfying(
            s -> {
              assertThat(s.sessionRevoked()).isTrue();
              assertThat(s.tokenRevoked()).isTrue();
            });
    assertThat(state(B)).hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isTrue());
  }

  @Test
  void logout_all_and_password_change_are_seen_by_the_next_check() {
    state(A);
    state(C);

    cache.revokeAllSessions(U1, START);
    next.invalidateTokensBefore(U1, START);
    cache.invalidate(new InvalidationScope.WholeUser(U1), 7);

    assertThat(state(A))
        .hasValueSatisfying(
            s -> {
              assertThat(s.sessionRevoked()).isTrue();
              assertThat(s.tokensValidAfter()).isEqualTo(START);
            });
    assertThat(state(C)).hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isTrue());
  }

  @Test
  void deactivating_the_user_is_seen_in_every_tenant_and_without_one() {
    KEYS.values().forEach(this::state);

    next.deactivate(U1);
    cache.invalidate(new InvalidationScope.WholeUser(U1), 7);

    for (SessionStateKey key : List.of(A, B, C)) {
      assertThat(state(key)).hasValueSatisfying(s -> assertThat(s.userActive()).isFalse());
    }
    assertThat(state(D)).hasValueSatisfying(s -> assertThat(s.userActive()).isTrue());
  }

  @Test
  void deactivating_the_tenant_is_seen_by_every_token_of_it() {
    KEYS.values().forEach(this::state);

    next.putTenant(T1, false);
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 7);

    assertThat(state(A)).hasValueSatisfying(s -> assertThat(s.tenantActive()).isFalse());
    assertThat(state(D)).hasValueSatisfying(s -> assertThat(s.tenantActive()).isFalse());
    assertThat(state(C)).hasValueSatisfying(s -> assertThat(s.tenantActive()).isTrue());
  }

  @Test
  void removing_the_membership_is_seen_by_the_next_check() {
    state(A);
    state(C);

    next.putMember(T1, U1, false);
    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 7);

    assertThat(state(A)).hasValueSatisfying(s -> assertThat(s.member()).isFalse());
    assertThat(state(C)).hasValueSatisfying(s -> assertThat(s.member()).isTrue());
  }

  @Test
  void an_unknown_user_is_cached_as_absent_until_the_user_is_created() {
    UserId newcomer = new UserId(new UUID(0x05e7, 9));
    SessionStateKey key = new SessionStateKey(newcomer, "s9", "j9", Optional.empty());
    assertThat(state(key)).isEmpty();
    assertThat(state(key)).isEmpty();
    assertThat(next.stateCalls()).isEqualTo(1);

    next.putUser(newcomer, true, START);
    next.putSession("s9", newcomer);
    cache.invalidate(new InvalidationScope.WholeUser(newcomer), 7);

    assertThat(state(key)).isPresent();
  }

  static Stream<Arguments> scopes_covering_a_key() {
    return Stream.of(
        Arguments.of(new InvalidationScope.UserInTenant(T1, U1), A),
        Arguments.of(new InvalidationScope.WholeTenant(T1), A),
        Arguments.of(new InvalidationScope.WholeUser(U1), A),
        Arguments.of(new InvalidationScope.Everything(), A),
        Arguments.of(new InvalidationScope.WholeUser(U1), B),
        Arguments.of(new InvalidationScope.Everything(), B));
  }

  @ParameterizedTest
  @MethodSource("scopes_covering_a_key")
  void a_load_that_read_before_an_invalidation_is_never_served_after_it(
      InvalidationScope scope, SessionStateKey key) throws Exception {
    Hold hold = next.holdNextCall();
    Future<Optional<SessionState>> slowLoad = pool.submit(() -> state(key));
    hold.awaitArrival();

    cache.revokeSession(key.sessionId(), START);
    cache.invalidate(scope, 7);
    hold.release();

    // The slow caller's request overlapped the logout: the old answer is fair for it alone.
    assertThat(get(slowLoad)).hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isFalse());
    assertThat(state(key)).hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isTrue());
    assertThat(cache.stats().discardedLoads()).isEqualTo(1);
    assertThat(state(key)).hasValueSatisfying(s -> assertThat(s.sessionRevoked()).isTrue());
    assertThat(next.stateCalls()).isEqualTo(2);
  }

  @Test
  void a_load_overlapping_an_invalidation_that_does_not_cover_it_is_kept() throws Exception {
    Hold hold = next.holdNextCall();
    Future<Optional<SessionState>> load = pool.submit(() -> state(B));
    hold.awaitArrival();

    // B has no tenant: neither its tenant's nor its membership's changes concern it.
    cache.invalidate(new InvalidationScope.WholeTenant(T1), 7);
    cache.invalidate(new InvalidationScope.UserInTenant(T1, U1), 8);
    hold.release();
    get(load);

    assertThat(cache.stats().discardedLoads()).isZero();
    assertThat(reloads(B)).isFalse();
  }

  @Test
  void keys_sharing_a_stripe_only_miss_spuriously_and_still_answer_right() {
    cache.close();
    cache = newCache(L1Limits.defaults(), new InvalidationGenerations(1, 1, 1));
    state(E);

    cache.invalidate(new InvalidationScope.WholeUser(U1), 1);

    assertThat(reloads(E)).isTrue();
  }

  @Test
  void every_other_call_goes_to_the_repository_unchanged() {
    Instant at = START.plusSeconds(5);
    Instant end = at.plusSeconds(60);
    cache.createSession("s7", U2, at, end);
    cache.storeRefreshToken("hash", "s7", Optional.of(T1), at);
    assertThat(cache.spend("hash", at)).containsSame(next.spent);
    cache.sessionExpiry("s7");
    cache.markRefreshed("s7", at);
    cache.liveSessions(U2, at);
    cache.revokeSession("s7", at);
    cache.revokeAllSessions(U2, at);
    cache.revokeToken("j7", at);
    cache.endSession(U2, "s7", at);
    cache.purgeExpiredRefreshTokens(at, 5);
    cache.purgeExpiredTokenIds(at, 6);
    cache.purgeEndedSessions(at, 7);

    assertThat(next.otherCalls())
        .containsExactly(
            "createSession s7 " + U2 + " " + at + " " + end,
            "storeRefreshToken hash s7 Optional[" + T1 + "] " + at,
            "spend hash " + at,
            "sessionExpiry s7",
            "markRefreshed s7 " + at,
            "liveSessions " + U2 + " " + at,
            "revokeSession s7 " + at,
            "revokeAllSessions " + U2 + " " + at,
            "revokeToken j7 " + at,
            "endSession " + U2 + " s7 " + at,
            "purgeExpiredRefreshTokens " + at + " 5",
            "purgeExpiredTokenIds " + at + " 6",
            "purgeEndedSessions " + at + " 7");
    assertThat(next.stateCalls()).isZero();
  }

  @Override
  CachedSessionStates newCache(L1Limits limits, InvalidationGenerations generations) {
    return generations == null
        ? new CachedSessionStates(next, feedLive::get, clock, limits)
        : new CachedSessionStates(next, guard(limits, generations));
  }

  private Optional<SessionState> state(SessionStateKey key) {
    return cache.state(key.userId(), key.sessionId(), key.tokenId(), key.tenantId());
  }

  /**
   * Whether reading the key now calls the repository; the answer must match the data either way.
   */
  private boolean reloads(SessionStateKey key) {
    int before = next.stateCalls();
    assertAnswersRight(key);
    return next.stateCalls() > before;
  }

  private void assertAnswersRight(SessionStateKey key) {
    assertThat(state(key))
        .as("%s", key)
        .isEqualTo(next.read(key.userId(), key.sessionId(), key.tokenId(), key.tenantId()));
  }

  @Override
  OneKey oneKey() {
    return stateOf(A);
  }

  @Override
  void changeOneKey() {
    next.deactivate(U1);
    cache.invalidate(new InvalidationScope.WholeUser(U1), 7);
  }

  @Override
  OneKey manyKey(int i) {
    if (i % 3 == 0) {
      next.revokeToken("j-" + i, START.plusSeconds(900));
    }
    return stateOf(new SessionStateKey(U1, "s1", "j-" + i, Optional.of(T1)));
  }

  private OneKey stateOf(SessionStateKey key) {
    return new OneKey(
        () -> state(key),
        () -> next.read(key.userId(), key.sessionId(), key.tokenId(), key.tenantId()),
        next::stateCalls,
        next::failNextCall);
  }
}
