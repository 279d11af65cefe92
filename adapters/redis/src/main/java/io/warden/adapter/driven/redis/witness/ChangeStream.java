package io.warden.adapter.driven.redis.witness;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.domain.event.InvalidationScope;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The two Redis keys of the change channel and the commands on them, each one call through the L2
 * connection and its breaker (so each may throw {@link
 * io.warden.adapter.driven.redis.RedisL2Unavailable}). Both keys share the hash tag {@code
 * {<prefix>:witness}}, so the scripts that touch both run on Redis Cluster too.
 */
final class ChangeStream {

  /** Raises the beacon (KEYS[1]) to ARGV[1] if higher; answers the beacon. */
  private static final String RAISE =
      """
      local current = tonumber(redis.call('GET', KEYS[1]) or '0')
      local version = tonumber(ARGV[1])
      if version > current then
        redis.call('SET', KEYS[1], ARGV[1])
        return version
      end
      return current
      """;

  /** Appends (ARGV[1] version, ARGV[2] scope) to the stream KEYS[2] and raises the beacon. */
  private static final String ANNOUNCE =
      """
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'v', ARGV[1], 's', ARGV[2])
      local current = tonumber(redis.call('GET', KEYS[1]) or '0')
      if tonumber(ARGV[1]) > current then
        redis.call('SET', KEYS[1], ARGV[1])
      end
      return 1
      """;

  private final RedisL2 redis;
  private final String beaconKey;
  private final String streamKey;
  private final long streamLength;

  /**
   * @param prefix the deployment's Redis key prefix
   * @param streamLength about how many announcements the stream keeps
   */
  ChangeStream(RedisL2 redis, String prefix, long streamLength) {
    this.redis = redis;
    String tag = "{" + prefix + ":witness}";
    this.beaconKey = tag + ":beacon";
    this.streamKey = tag + ":changes";
    if (streamLength < 1) {
      throw new IllegalArgumentException("streamLength must be positive: " + streamLength);
    }
    this.streamLength = streamLength;
  }

  /** Raises the beacon to {@code version} if it is lower; answers the beacon. */
  long raise(long version) {
    Long raised =
        redis.execute(
            r ->
                r.<Long>eval(
                    RAISE,
                    ScriptOutputType.INTEGER,
                    new String[] {beaconKey},
                    Long.toString(version)));
    return raised == null ? 0 : raised;
  }

  /** Appends one announcement to the stream and raises the beacon to its version. */
  void append(long version, InvalidationScope scope) {
    redis.execute(
        r ->
            r.<Long>eval(
                ANNOUNCE,
                ScriptOutputType.INTEGER,
                new String[] {beaconKey, streamKey},
                Long.toString(version),
                ScopeCodec.encode(scope),
                Long.toString(streamLength)));
  }

  /** The id of the stream's last entry, or {@code 0-0} when it is empty. */
  String lastId() {
    List<StreamMessage<String, String>> last =
        redis.execute(r -> r.xrevrange(streamKey, Range.create("-", "+"), Limit.from(1)));
    return last.isEmpty() ? "0-0" : last.get(0).getId();
  }

  /** Up to {@code limit} entries after the entry {@code id}, oldest first. */
  List<StreamMessage<String, String>> after(String id, int limit) {
    return redis.execute(
        r ->
            r.xrange(
                streamKey,
                Range.from(Range.Boundary.excluding(id), Range.Boundary.unbounded()),
                Limit.from(limit)));
  }

  /** The beacon as stored, or null when there is none. */
  @Nullable String beacon() {
    return redis.execute(r -> r.get(beaconKey));
  }
}
