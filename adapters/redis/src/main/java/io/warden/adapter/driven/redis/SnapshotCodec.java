package io.warden.adapter.driven.redis;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The compact text form of a {@link PermissionSnapshot} in Redis, format 3: {@code
 * version|validUntilEpochMillis|computedAtEpochMillis|name,name,...|org=name,name;org=name} (an
 * empty second field: no expiry; an empty last field: no organization-scoped grants). Permission
 * names never contain {@code |}, {@code ,}, {@code ;} or {@code =}; decoding re-validates
 * everything and turns anything odd into a miss rather than an answer.
 *
 * <p>Formats 1 ({@code version|validUntil|names}) and 2 ({@code
 * version|validUntil|computedAt|names}, before organization-scoped grants travelled with the set)
 * read as a miss: their next load replaces them; serving one would deny what a scoped assignment
 * grants. Format 3 reads as a miss to the older decoders too (their last field, the names, then
 * holds a {@code |}, which no name may), so instances of every version may share a Redis during a
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
    appendNames(text, snapshot.permissions());
    text.append('|');
    boolean first = true;
    for (Map.Entry<OrganizationId, PermissionSet> grant :
        snapshot.scoped().byOrganization().entrySet()) {
      if (!first) {
        text.append(';');
      }
      first = false;
      text.append(grant.getKey()).append('=');
      appendNames(text, grant.getValue());
    }
    return text.toString();
  }

  private static void appendNames(StringBuilder text, PermissionSet set) {
    List<String> names = set.names();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(names.get(i));
    }
  }

  /** The snapshot in {@code text}, or empty when the text is not a well-formed entry. */
  static Optional<PermissionSnapshot> decode(@Nullable String text) {
    if (text == null || text.length() > MAX_ENCODED_LENGTH) {
      return Optional.empty();
    }
    int first = text.indexOf('|');
    int second = first < 0 ? -1 : text.indexOf('|', first + 1);
    int third = second < 0 ? -1 : text.indexOf('|', second + 1);
    int fourth = third < 0 ? -1 : text.indexOf('|', third + 1);
    if (fourth < 0 || text.indexOf('|', fourth + 1) >= 0) {
      return Optional.empty();
    }
    String versionText = text.substring(0, first);
    String untilText = text.substring(first + 1, second);
    String computedText = text.substring(second + 1, third);
    String namesText = text.substring(third + 1, fourth);
    String scopedText = text.substring(fourth + 1);
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
      Optional<PermissionSet> permissions = names(namesText);
      Optional<OrganizationGrants> scoped = grants(scopedText);
      if (permissions.isEmpty() || scoped.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new PermissionSnapshot(
              permissions.get(), version, validUntil, true, computedAt, TIER, scoped.get()));
    } catch (RuntimeException e) {
      // Out-of-range numbers and the like: not an entry we wrote.
      return Optional.empty();
    }
  }

  /** {@code name,name,...} (empty: no name), or empty when a name is not well-formed. */
  private static Optional<PermissionSet> names(String text) {
    List<String> names = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String name : text.split(",", -1)) {
        if (!PermissionName.isWellFormed(name)) {
          return Optional.empty();
        }
        names.add(name);
      }
    }
    return Optional.of(PermissionSet.of(names));
  }

  /** {@code org=names;org=names} (empty: none), or empty when anything in it is odd. */
  private static Optional<OrganizationGrants> grants(String text) {
    if (text.isEmpty()) {
      return Optional.of(OrganizationGrants.NONE);
    }
    Map<OrganizationId, PermissionSet> byOrganization = new LinkedHashMap<>();
    for (String entry : text.split(";", -1)) {
      int equals = entry.indexOf('=');
      if (equals < 0) {
        return Optional.empty();
      }
      Optional<PermissionSet> set = names(entry.substring(equals + 1));
      // UUID.fromString accepts short forms: only the canonical 36 characters are ours.
      String id = entry.substring(0, equals);
      if (set.isEmpty() || set.get().isEmpty() || id.length() != 36) {
        return Optional.empty();
      }
      OrganizationId organization = new OrganizationId(UUID.fromString(id));
      if (!organization.toString().equals(id)
          || byOrganization.put(organization, set.get()) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(OrganizationGrants.of(byOrganization));
  }
}
