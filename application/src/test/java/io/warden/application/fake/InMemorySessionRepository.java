package io.warden.application.fake;

import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Sessions, refresh-token hashes and revoked token ids in an {@link InMemoryStore}. */
public final class InMemorySessionRepository implements SessionRepository {
  private final InMemoryStore store;

  public InMemorySessionRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt) {
    InMemoryStore.Data data = store.write();
    if (!data.users.containsKey(userId)) {
      throw new IllegalArgumentException("foreign key: no such user");
    }
    if (data.sessions.containsKey(sessionId)) {
      throw new IllegalStateException("duplicate session id");
    }
    data.sessions.put(sessionId, new InMemoryStore.SessionRow(sessionId, userId, createdAt, false));
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
            session.revoked()));
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    InMemoryStore.Data data = store.write();
    data.sessions.computeIfPresent(
        sessionId, (id, s) -> new InMemoryStore.SessionRow(id, s.userId(), s.createdAt(), true));
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    InMemoryStore.Data data = store.write();
    data.sessions.replaceAll(
        (id, s) ->
            s.userId().equals(userId)
                ? new InMemoryStore.SessionRow(id, s.userId(), s.createdAt(), true)
                : s);
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
