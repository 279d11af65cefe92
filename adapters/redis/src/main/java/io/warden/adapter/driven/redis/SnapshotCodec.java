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
 * The compact text form of a {@link PermissionSnapshot} in Redis: {@code
 * version|validUntilEpochMillis|name,name,...} (an empty middle field: no expiry). Permission names
 * never contain {@code |} or {@code ,}; decoding re-validates everything and turns anything odd
 * into a miss rather than an answer.
 */
final class SnapshotCodec {
  /** Far above any real set (a few hundred names): a bigger value is not ours. */
  static final int MAX_ENCODED_LENGTH = 256 * 1024;

  private static final Pattern VERSION = Pattern.compile("\\d{1,19}");
  private static final Pattern MILLIS = Pattern.compile("-?\\d{1,19}");

  private SnapshotCodec() {}

  static String encode(PermissionSnapshot snapshot) {
    if (snapshot.version() < 0) {
      throw new IllegalArgumentException("negative version " + snapshot.version());
    }
    StringBuilder text = new StringBuilder(16 + snapshot.permissions().size() * 16);
    text.append(snapshot.version()).append('|');
    // Millisecond precision, rounded down: an entry may look expired a little early, never late.
    snapshot.validUntil().ifPresent(until -> text.append(until.toEpochMilli()));
    text.append('|');
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
    if (second < 0) {
      return Optional.empty();
    }
    String versionText = text.substring(0, first);
    String untilText = text.substring(first + 1, second);
    String namesText = text.substring(second + 1);
    try {
      if (!VERSION.matcher(versionText).matches()) {
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
      List<String> names = new ArrayList<>();
      if (!namesText.isEmpty()) {
        for (String name : namesText.split(",", -1)) {
          if (!PermissionName.isWellFormed(name)) {
            return Optional.empty();
          }
          names.add(name);
        }
      }
      return Optional.of(new PermissionSnapshot(PermissionSet.of(names), version, validUntil));
    } catch (RuntimeException e) {
      // Out-of-range numbers and the like: not an entry we wrote.
      return Optional.empty();
    }
  }
}
