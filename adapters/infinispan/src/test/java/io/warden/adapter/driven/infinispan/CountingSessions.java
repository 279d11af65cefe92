package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A session repository in memory that answers {@link #state} as the database does, counts those
 * calls, records every other call, and can hold one {@code state} call after it has read its answer
 * and before it returns it.
 */
final class CountingSessions implements SessionRepository {
  private record UserRow(boolean active, boolean systemAdmin, Instant tokensValidAfter) {}

  private record SessionRow(UserId userId, boolean revoked) {}

  private record MemberKey(TenantId tenantId, UserId userId) {}

  private final Map<UserId, UserRow> users = new ConcurrentHashMap<>();
  private final Map<String, SessionRow> sessions = new ConcurrentHashMap<>();
  private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
  private final Map<TenantId, Boolean> tenants = new ConcurrentHashMap<>();
  private final Map<MemberKey, Boolean> memberships = new ConcurrentHashMap<>();

  /** What {@link #spend} answers, so a test can see it handed through unchanged. */
  final RefreshToken spent =
      new RefreshToken(
          "spent-session",
          UserId.random(),
          Optional.empty(),
          Instant.EPOCH,
          true,
          false,
          Instant.EPOCH);

  private final AtomicInteger stateCalls = new AtomicInteger();
  private final List<String> otherCalls = new CopyOnWriteArrayList<>();
  private final Races.HoldSlot holds = new Races.HoldSlot();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

  // --- the data, as the tests set it up and change it ---

  void putUser(UserId user, boolean active, Instant tokensValidAfter) {
    users.put(user, new UserRow(active, false, tokensValidAfter));
  }

  /** A password change or logout-all: every token issued before {@code instant} is void. */
  void invalidateTokensBefore(UserId user, Instant instant) {
    users.computeIfPresent(
        user, (id, row) -> new UserRow(row.active(), row.systemAdmin(), instant));
  }

  void deactivate(UserId user) {
    users.computeIfPresent(
        user, (id, row) -> new UserRow(false, row.systemAdmin(), row.tokensValidAfter()));
  }

  void putTenant(TenantId tenant, boolean active) {
    tenants.put(tenant, active);
  }

  void putMember(TenantId tenant, UserId user, boolean active) {
    memberships.put(new MemberKey(tenant, user), active);
  }

  /** A session of {@code user} written straight into the data, without a recorded call. */
  void putSession(String sessionId, UserId user) {
    sessions.put(sessionId, new SessionRow(user, false));
  }

  int stateCalls() {
    return stateCalls.get();
  }

  List<String> otherCalls() {
    return otherCalls;
  }

  Races.Hold holdNextCall() {
    return holds.holdNextCall();
  }

  void failNextCall(RuntimeException failure) {
    nextFailure.set(failure);
  }

  // --- the port ---

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    stateCalls.incrementAndGet();
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
    Optional<SessionState> answer = read(userId, sessionId, tokenId, tenantId);
    holds.holdIfAsked();
    return answer;
  }

  /** What the database answers now: empty for an unknown user or a session not theirs. */
  Optional<SessionState> read(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    UserRow user = users.get(userId);
    SessionRow session = sessions.get(sessionId);
    if (user == null || session == null || !session.userId().equals(userId)) {
      return Optional.empty();
    }
    boolean tenantActive = tenantId.map(t -> tenants.getOrDefault(t, false)).orElse(false);
    boolean member =
        tenantId.map(t -> memberships.getOrDefault(new MemberKey(t, userId), false)).orElse(false);
    return Optional.of(
        new SessionState(
            user.active(),
            user.systemAdmin(),
            user.tokensValidAfter(),
            session.revoked(),
            revokedTokens.contains(tokenId),
            tenantActive,
            member));
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt, Instant expiresAt) {
    otherCalls.add("createSession " + sessionId + " " + userId + " " + createdAt + " " + expiresAt);
    sessions.put(sessionId, new SessionRow(userId, false));
  }

  @Override
  public Optional<Instant> sessionExpiry(String sessionId) {
    otherCalls.add("sessionExpiry " + sessionId);
    return Optional.empty();
  }

  @Override
  public void markRefreshed(String sessionId, Instant at) {
    otherCalls.add("markRefreshed " + sessionId + " " + at);
  }

  @Override
  public List<LiveSession> liveSessions(UserId userId, Instant now) {
    otherCalls.add("liveSessions " + userId + " " + now);
    return List.of();
  }

  @Override
  public boolean endSession(UserId userId, String sessionId, Instant now) {
    otherCalls.add("endSession " + userId + " " + sessionId + " " + now);
    return sessions.computeIfPresent(sessionId, (id, row) -> new SessionRow(row.userId(), true))
        != null;
  }

  @Override
  public int purgeExpiredRefreshTokens(Instant expiredBy, int limit) {
    otherCalls.add("purgeExpiredRefreshTokens " + expiredBy + " " + limit);
    return 0;
  }

  @Override
  public int purgeExpiredTokenIds(Instant expiredBy, int limit) {
    otherCalls.add("purgeExpiredTokenIds " + expiredBy + " " + limit);
    return 0;
  }

  @Override
  public int purgeEndedSessions(Instant endedBy, int limit) {
    otherCalls.add("purgeEndedSessions " + endedBy + " " + limit);
    return 0;
  }

  @Override
  public void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt) {
    otherCalls.add(
        "storeRefreshToken " + tokenHash + " " + sessionId + " " + tenantId + " " + expiresAt);
  }

  @Override
  public Optional<RefreshToken> spend(String tokenHash, Instant now) {
    otherCalls.add("spend " + tokenHash + " " + now);
    return Optional.of(spent);
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    otherCalls.add("revokeSession " + sessionId + " " + now);
    sessions.computeIfPresent(sessionId, (id, row) -> new SessionRow(row.userId(), true));
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    otherCalls.add("revokeAllSessions " + userId + " " + now);
    sessions.replaceAll(
        (id, row) -> row.userId().equals(userId) ? new SessionRow(row.userId(), true) : row);
  }

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    otherCalls.add("revokeToken " + tokenId + " " + expiresAt);
    revokedTokens.add(tokenId);
  }
}
