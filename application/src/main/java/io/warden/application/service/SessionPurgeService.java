package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.SessionPurgeUseCase;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Deletes expired refresh tokens, revoked token ids whose tokens have expired, and ended sessions,
 * in batches of {@value #BATCH_SIZE} rows, each batch in a transaction of its own: a large backlog
 * never holds long locks, and a purge cut short keeps what it deleted.
 *
 * <p>Nothing it deletes can make a token work again or stop one working: an expired refresh token
 * is refused whether or not it is stored, a revoked id past its token's expiry names a token
 * refused anyway, and a deleted session reads as revoked. So it changes no cached state and
 * announces nothing.
 */
public final class SessionPurgeService implements SessionPurgeUseCase {
  static final int BATCH_SIZE = 1000;

  private final Transactions transactions;
  private final SessionRepository sessions;
  private final Clock clock;

  SessionPurgeService(Transactions transactions, SessionRepository sessions, Clock clock) {
    this.transactions = transactions;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Purged purge() {
    Instant now = clock.instant();
    // Sessions first: their refresh tokens go with them, whatever their own expiry.
    int ended = inBatches(sessions::purgeEndedSessions, now);
    int refreshTokens = inBatches(sessions::purgeExpiredRefreshTokens, now);
    int tokenIds = inBatches(sessions::purgeExpiredTokenIds, now);
    return new Purged(refreshTokens, tokenIds, ended);
  }

  private int inBatches(BiFunction<Instant, Integer, Integer> batch, Instant now) {
    int total = 0;
    int deleted;
    do {
      deleted = transactions.acrossTenants(() -> batch.apply(now, BATCH_SIZE));
      total += deleted;
    } while (deleted == BATCH_SIZE);
    return total;
  }
}
