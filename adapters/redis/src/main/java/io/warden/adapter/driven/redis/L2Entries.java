package io.warden.adapter.driven.redis;

import io.lettuce.core.ScriptOutputType;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The L2's entries and min-version markers in one epoch, as Redis holds them: one {@link L2Scripts}
 * call reads a batch checked against its markers, one writes a batch guarded by them, one raises
 * the marker of a scope. Reads and writes require the epoch's sentinel and report its absence (the
 * epoch was lost). Every call may throw {@link RedisL2Unavailable}; what follows from that (fall
 * through, advance the epoch) is {@link RedisPermissionCache}'s to decide.
 */
final class L2Entries {
  /** What a read found: nothing at all if the epoch was lost. */
  record Found(Map<UserId, PermissionSnapshot> entries, boolean epochLost) {}

  /** What a write did. */
  enum Written {
    /** Nothing was worth storing: Redis was not asked. */
    NOTHING,
    /** Sent; each entry was stored unless a marker or a newer entry refused it. */
    SENT,
    /** Refused: the epoch's sentinel is missing. */
    EPOCH_LOST
  }

  private final RedisL2 redis;
  private final Clock clock;
  private final L2Keys keys;
  private final Duration entryTtl;
  private final String markerTtlMillis;

  /**
   * @param entryTtl the safety-net TTL of an entry; markers live twice as long, so they always
   *     outlive what they guard
   */
  L2Entries(RedisL2 redis, Clock clock, String keyPrefix, Duration entryTtl) {
    this.redis = redis;
    this.clock = clock;
    this.keys = new L2Keys(keyPrefix);
    this.entryTtl = entryTtl;
    this.markerTtlMillis = Long.toString(entryTtl.toMillis() * 2);
  }

  /**
   * The entries of {@code users} that every applicable marker lets through and that are still
   * valid, by user; the others are missing from the answer.
   */
  Found read(long epoch, TenantId tenant, List<UserId> users) {
    String[] scriptKeys = new String[3 + users.size() * 3];
    scriptKeys[0] = keys.sentinel(epoch);
    scriptKeys[1] = keys.globalMin(epoch);
    scriptKeys[2] = keys.tenantMin(epoch, tenant);
    for (int i = 0; i < users.size(); i++) {
      UserId user = users.get(i);
      scriptKeys[3 + i * 3] = keys.entry(epoch, tenant, user);
      scriptKeys[4 + i * 3] = keys.userMin(epoch, user);
      scriptKeys[5 + i * 3] = keys.pairMin(epoch, tenant, user);
    }
    List<Object> values = redis.script(L2Scripts.READ, ScriptOutputType.MULTI, scriptKeys);
    if (values != null
        && values.size() == 1
        && values.get(0) instanceof Long lost
        && lost == L2Scripts.EPOCH_LOST) {
      return new Found(Map.of(), true);
    }
    Map<UserId, PermissionSnapshot> found = new LinkedHashMap<>();
    if (values != null && values.size() == users.size()) {
      Instant now = clock.instant();
      for (int i = 0; i < users.size(); i++) {
        Optional<PermissionSnapshot> snapshot =
            values.get(i) instanceof String text ? SnapshotCodec.decode(text) : Optional.empty();
        if (snapshot.isPresent() && snapshot.get().isValidAt(now)) {
          found.put(users.get(i), snapshot.get());
        }
      }
    }
    return new Found(found, false);
  }

  /**
   * Writes the loaded snapshots that may be kept (cacheable, at least {@code floor}, not expired),
   * each only if the epoch's sentinel is there and no marker of its scope is above its version.
   */
  Written write(long epoch, TenantId tenant, Map<UserId, PermissionSnapshot> loaded, long floor) {
    Instant now = clock.instant();
    List<String> scriptKeys = new ArrayList<>(3 + loaded.size() * 3);
    List<String> args = new ArrayList<>(loaded.size() * 3);
    scriptKeys.add(keys.sentinel(epoch));
    scriptKeys.add(keys.globalMin(epoch));
    scriptKeys.add(keys.tenantMin(epoch, tenant));
    for (Map.Entry<UserId, PermissionSnapshot> entry : loaded.entrySet()) {
      PermissionSnapshot snapshot = entry.getValue();
      long ttl = ttlMillis(snapshot, now);
      // A stranger's snapshot is never stored: random ids must not fill Redis.
      if (!snapshot.cacheable()
          || snapshot.version() < floor
          || snapshot.version() < 0
          || ttl <= 0) {
        continue;
      }
      UserId user = entry.getKey();
      scriptKeys.add(keys.entry(epoch, tenant, user));
      scriptKeys.add(keys.userMin(epoch, user));
      scriptKeys.add(keys.pairMin(epoch, tenant, user));
      args.add(Long.toString(snapshot.version()));
      args.add(Long.toString(ttl));
      args.add(SnapshotCodec.encode(snapshot));
    }
    if (args.isEmpty()) {
      return Written.NOTHING;
    }
    Long stored =
        redis.<Long>script(
            L2Scripts.PUT,
            ScriptOutputType.INTEGER,
            scriptKeys.toArray(String[]::new),
            args.toArray(String[]::new));
    return stored != null && stored == L2Scripts.EPOCH_LOST ? Written.EPOCH_LOST : Written.SENT;
  }

  /**
   * Creates the sentinel of {@code epoch}: only ever for an epoch being advanced to, before the
   * advance commits (see {@link L2Keys#sentinel}). Kept without a TTL while the epoch is in force;
   * one short key per epoch.
   */
  void createSentinel(long epoch) {
    redis.execute(r -> r.set(keys.sentinel(epoch), Long.toString(epoch)));
  }

  /** Whether Redis holds the sentinel of {@code epoch}. */
  boolean sentinelExists(long epoch) {
    Long found = redis.execute(r -> r.exists(keys.sentinel(epoch)));
    return found != null && found > 0;
  }

  /**
   * Raises the min-version marker of {@code scope} to {@code version} (and deletes the one entry of
   * a {@link UserInTenant}).
   */
  void raiseMarker(long epoch, InvalidationScope scope, long version) {
    String[] scriptKeys =
        switch (scope) {
          case Everything everything -> new String[] {keys.globalMin(epoch)};
          case WholeTenant tenant -> new String[] {keys.tenantMin(epoch, tenant.tenantId())};
          case WholeUser user -> new String[] {keys.userMin(epoch, user.userId())};
          case UserInTenant pair ->
              new String[] {
                keys.pairMin(epoch, pair.tenantId(), pair.userId()),
                keys.entry(epoch, pair.tenantId(), pair.userId())
              };
          // Permission sets do not depend on the tree (RedisPermissionCache never asks).
          case InvalidationScope.TenantTree tree -> new String[0];
        };
    if (scriptKeys.length == 0) {
      return;
    }
    redis.<Long>script(
        L2Scripts.INVALIDATE,
        ScriptOutputType.INTEGER,
        scriptKeys,
        Long.toString(version),
        markerTtlMillis);
  }

  /** The entry's TTL: the safety net, but never past the snapshot's own expiry. */
  private long ttlMillis(PermissionSnapshot snapshot, Instant now) {
    long ttl = entryTtl.toMillis();
    if (snapshot.validUntil().isPresent()) {
      Instant until = snapshot.validUntil().get();
      if (!until.isAfter(now)) {
        return 0;
      }
      ttl = Math.min(ttl, Duration.between(now, until).toMillis());
    }
    return ttl;
  }
}
