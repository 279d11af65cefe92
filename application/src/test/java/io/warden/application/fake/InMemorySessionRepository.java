package io.warden.application.fake;

import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Sessions, refresh-token hashes and revoked token ids in an {@link InMemoryStore}. */
public final class InMemorySessionRepository implements SessionRepository {
  private final InMemoryStore store;

  public InMemorySessionRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt, Instant expiresAt) {
    InMemoryStore.Data data = store.write();
    if (!data.users.containsKey(userId)) {
      throw new IllegalArgumentException("foreign key: no such user");
    }
    if (data.sessions.containsKey(sessionId)) {
      throw new IllegalStateException("duplicate session id");
    }
    data.sessions.put(
        sessionId,
        new InMemoryStore.SessionRow(
            sessionId, userId, createdAt, expiresAt, Optional.empty(), Optional.empty()));
  }

  @Override
  public Optional<Instant> sessionExpiry(String sessionId) {
    return Optional.ofNullable(store.read().sessions.get(sessionId))
        .map(InMemoryStore.SessionRow::expiresAt);
  }

  @Override
  public void markRefreshed(String sessionId, Instant at) {
    store.write().sessions.computeIfPresent(sessionId, (id, s) -> s.refreshedAt(at));
  }

  @Override
  public List<LiveSession> liveSessions(UserId userId, Instant now) {
    return store.read().sessions.values().stream()
        .filter(s -> s.userId().equals(userId) && live(s, now))
        .sorted(
            Comparator.comparing(InMemoryStore.SessionRow::createdAt)
                .thenComparing(InMemoryStore.SessionRow::sessionId)
                .reversed())
        .map(s -> new LiveSession(s.sessionId(), s.createdAt(), s.lastRefreshedAt(), s.expiresAt()))
        .toList();
  }

  @Override
  public boolean endSession(UserId userId, String sessionId, Instant now) {
    InMemoryStore.Data data = store.write();
    InMemoryStore.SessionRow session = data.sessions.get(sessionId);
    if (session == null || !session.userId().equals(userId) || !live(session, now)) {
      return false;
    }
    data.sessions.put(sessionId, session.revokedAt(now));
    return true;
  }

  private static boolean live(InMemoryStore.SessionRow session, Instant now) {
    return !session.revoked() && now.isBefore(session.expiresAt());
  }

  @Override
  public int purgeExpiredRefreshTokens(Instant expiredBy, int limit) {
    return removeUpTo(store.write().refreshTokens, t -> !t.expiresAt().isAfter(expiredBy), limit);
  }

  @Override
  public int purgeExpiredTokenIds(Instant expiredBy, int limit) {
    return removeUpTo(store.write().revokedTokens, at -> !at.isAfter(expiredBy), limit);
  }

  @Override
  public int purgeEndedSessions(Instant endedBy, int limit) {
    InMemoryStore.Data data = store.write();
    int removed =
        removeUpTo(
            data.sessions,
            s ->
                !s.expiresAt().isAfter(endedBy)
                    || s.revokedAt().filter(at -> !at.isAfter(endedBy)).isPresent(),
            limit);
    // ON DELETE CASCADE
    data.refreshTokens.values().removeIf(t -> !data.sessions.containsKey(t.sessionId()));
    return removed;
  }

  private static <V> int removeUpTo(Map<String, V> rows, Predicate<V> expired, int limit) {
    int removed = 0;
    Iterator<V> it = rows.values().iterator();
    while (removed < limit && it.hasNext()) {
      if (expired.test(it.next())) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt) {
    InMemoryStore.Data data = store.write();
    if (!data.sessions.containsKey(sessionId)) {
      throw new IllegalArgumentException("foreign key: no such session");
    }
    if (data.refreshTokens.containsKey(tokenHash)) {
      throw new IllegalStateException("duplicate refresh token");
    }
    data.refreshTokens.put(
        tokenHash, new InMemoryStore.RefreshRow(tokenHash, sessionId, tenantId, expiresAt, false));
  }

  @Override
  public Optional<RefreshToken> spend(String tokenHash, Instant now) {
    InMemoryStore.Data data = store.write();
    InMemoryStore.RefreshRow row = data.refreshTokens.get(tokenHash);
    if (row == null) {
      return Optional.empty();
    }
    InMemoryStore.SessionRow session = data.sessions.get(row.sessionId());
    data.refreshTokens.put(
        tokenHash,
        new InMemoryStore.RefreshRow(
            row.hash(), row.sessionId(), row.tenantId(), row.expiresAt(), true));
    return Optional.of(
        new RefreshToken(
            row.sessionId(),
            session.userId(),
            row.tenantId(),
            row.expiresAt(),
            row.spent(),
            session.revoked(),
            session.expiresAt()));
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    InMemoryStore.Data data = store.write();
    data.sessions.computeIfPresent(sessionId, (id, s) -> s.revokedAt(now));
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    InMemoryStore.Data data = store.write();
    data.sessions.replaceAll((id, s) -> s.userId().equals(userId) ? s.revokedAt(now) : s);
  }

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    store.write().revokedTokens.put(tokenId, expiresAt);
  }

  /** Like the database adapter: outside a transaction it reads the committed data on its own. */
  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    if (!store.inTransaction()) {
      return store.locked(() -> stateIn(store.committed(), userId, sessionId, tokenId, tenantId));
    }
    return stateIn(store.read(), userId, sessionId, tokenId, tenantId);
  }

  private static Optional<SessionState> stateIn(
      InMemoryStore.Data data,
      UserId userId,
      String sessionId,
      String tokenId,
      Optional<TenantId> tenantId) {
    User user = data.users.get(userId);
    InMemoryStore.SessionRow session = data.sessions.get(sessionId);
    if (user == null || session == null || !session.userId().equals(userId)) {
      return Optional.empty();
    }
    Tenant tenant = tenantId.map(data.tenants::get).orElse(null);
    Membership membership =
        tenant == null
            ? null
            : data.memberships.get(new InMemoryStore.MemberKey(tenant.id(), userId));
    return Optional.of(
        new SessionState(
            user.active(),
            user.systemAdmin(),
            user.tokensValidAfter(),
            session.revoked(),
            data.revokedTokens.containsKey(tokenId),
            tenant != null && tenant.active(),
            membership != null && membership.active()));
  }
}
