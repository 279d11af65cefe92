package io.warden.adapter.driven.redis;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The compact text form of a {@link PermissionSnapshot} in Redis, format 2: {@code
 * version|validUntilEpochMillis|computedAtEpochMillis|name,name,...} (an empty second field: no
 * expiry). Permission names never contain {@code |} or {@code ,}; decoding re-validates everything
 * and turns anything odd into a miss rather than an answer.
 *
 * <p>Format 1 ({@code version|validUntil|names}, before the read instant travelled with the set)
 * reads as a miss: its next load replaces it. Format 2 reads as a miss to a format-1 decoder too
 * (its third field holds a {@code |}), so instances of both versions may share a Redis during a
 * rolling upgrade, each only ever serving entries it can fully read.
 */
final class SnapshotCodec {
  /** Far above any real set (a few hundred names): a bigger value is not ours. */
  static final int MAX_ENCODED_LENGTH = 256 * 1024;

  /** The {@link PermissionSnapshot#servedBy()} of every snapshot this tier answers. */
  static final String TIER = "l2";

  private static final Pattern VERSION = Pattern.compile("\\d{1,19}");
  private static final Pattern MILLIS = Pattern.compile("-?\\d{1,19}");

  private SnapshotCodec() {}

  static String encode(PermissionSnapshot snapshot) {
    if (snapshot.version() < 0) {
      throw new IllegalArgumentException("negative version " + snapshot.version());
    }
    StringBuilder text = new StringBuilder(32 + snapshot.permissions().size() * 16);
    text.append(snapshot.version()).append('|');
    // Millisecond precision, rounded down: an entry may look expired a little early, never late.
    snapshot.validUntil().ifPresent(until -> text.append(until.toEpochMilli()));
    text.append('|').append(snapshot.computedAt().toEpochMilli()).append('|');
    List<String> names = snapshot.permissions().names();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(names.get(i));
    }
    return text.toString();
  }

  /** The snapshot in {@code text}, or empty when the text is not a well-formed entry. */
  static Optional<PermissionSnapshot> decode(String text) {
    if (text == null || text.length() > MAX_ENCODED_LENGTH) {
      return Optional.empty();
    }
    int first = text.indexOf('|');
    int second = first < 0 ? -1 : text.indexOf('|', first + 1);
    int third = second < 0 ? -1 : text.indexOf('|', second + 1);
    if (third < 0) {
      return Optional.empty();
    }
    String versionText = text.substring(0, first);
    String untilText = text.substring(first + 1, second);
    String computedText = text.substring(second + 1, third);
    String namesText = text.substring(third + 1);
    try {
      if (!VERSION.matcher(versionText).matches() || !MILLIS.matcher(computedText).matches()) {
        return Optional.empty();
      }
      long version = Long.parseLong(versionText);
      Optional<Instant> validUntil = Optional.empty();
      if (!untilText.isEmpty()) {
        if (!MILLIS.matcher(untilText).matches()) {
          return Optional.empty();
        }
        validUntil = Optional.of(Instant.ofEpochMilli(Long.parseLong(untilText)));
      }
      Instant computedAt = Instant.ofEpochMilli(Long.parseLong(computedText));
      List<String> names = new ArrayList<>();
      if (!namesText.isEmpty()) {
        for (String name : namesText.split(",", -1)) {
          if (!PermissionName.isWellFormed(name)) {
            return Optional.empty();
          }
          names.add(name);
        }
      }
      return Optional.of(
          new PermissionSnapshot(
              PermissionSet.of(names), version, validUntil, true, computedAt, TIER));
    } catch (RuntimeException e) {
      // Out-of-range numbers and the like: not an entry we wrote.
      return Optional.empty();
    }
  }
}
