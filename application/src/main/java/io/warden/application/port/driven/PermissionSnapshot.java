package io.warden.application.port.driven;

import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The effective permissions of a user in a tenant as read at data version {@code version}. {@code
 * validUntil} is the earliest expiry among the assignments that contributed: past it the snapshot
 * must be reloaded (an expiring assignment grants nothing, without any job).
 *
 * <p>{@code cacheable} is false for a stranger to the tenant (no membership, not a system
 * administrator, or no such user at all): a stranger holds nothing, and no cache tier stores their
 * snapshot, so a member asking about random ids cannot fill the caches. The source of truth sets
 * it; every tier honours it before it stores.
 *
 * <p>{@code computedAt} is when the source of truth read the set; it travels with the set through
 * every tier (explain shows it). {@code servedBy} names who holds this very value: the source of
 * truth answers {@value #DATABASE}, and a tier labels the copy it keeps with its own name when it
 * stores it, not when it serves it, so that a warm hit pays nothing for the label.
 *
 * <p>{@code permissions} is what the user holds tenant-wide, the whole answer of a check that names
 * no organization (the hot path). {@code scoped} is what the user's organization-scoped assignments
 * grant, per organization they were made for; {@code validUntil} covers their expiries too.
 */
public record PermissionSnapshot(
    PermissionSet permissions,
    long version,
    Optional<Instant> validUntil,
    boolean cacheable,
    Instant computedAt,
    String servedBy,
    OrganizationGrants scoped) {

  /** The {@link #servedBy} of a snapshot straight from the source of truth. */
  public static final String DATABASE = "database";

  public PermissionSnapshot {
    if (!cacheable && (!permissions.isEmpty() || validUntil.isPresent() || !scoped.isEmpty())) {
      throw new IllegalArgumentException("a stranger to the tenant holds nothing");
    }
  }

  /** A snapshot without organization-scoped grants. */
  public PermissionSnapshot(
      PermissionSet permissions,
      long version,
      Optional<Instant> validUntil,
      boolean cacheable,
      Instant computedAt,
      String servedBy) {
    this(
        permissions, version, validUntil, cacheable, computedAt, servedBy, OrganizationGrants.NONE);
  }

  /**
   * A member's (or system admin's) snapshot from a source without a read instant of its own
   * (in-memory fakes, benchmarks): {@code computedAt} is the epoch.
   */
  public PermissionSnapshot(PermissionSet permissions, long version, Optional<Instant> validUntil) {
    this(permissions, version, validUntil, true);
  }

  /** As the three-argument form, for a stranger as well ({@code cacheable} false). */
  public PermissionSnapshot(
      PermissionSet permissions, long version, Optional<Instant> validUntil, boolean cacheable) {
    this(permissions, version, validUntil, cacheable, Instant.EPOCH, DATABASE);
  }

  /** The snapshot of someone who belongs in the tenant's caches, read at {@code computedAt}. */
  public static PermissionSnapshot read(
      PermissionSet permissions, long version, Optional<Instant> validUntil, Instant computedAt) {
    return new PermissionSnapshot(permissions, version, validUntil, true, computedAt, DATABASE);
  }

  /** The same, with what the user's organization-scoped assignments grant. */
  public static PermissionSnapshot read(
      PermissionSet permissions,
      OrganizationGrants scoped,
      long version,
      Optional<Instant> validUntil,
      Instant computedAt) {
    return new PermissionSnapshot(
        permissions, version, validUntil, true, computedAt, DATABASE, scoped);
  }

  /** The snapshot of a stranger to the tenant, read at {@code version}: nothing, never cached. */
  public static PermissionSnapshot stranger(long version) {
    return stranger(version, Instant.EPOCH);
  }

  /** A stranger's snapshot read at {@code computedAt}. */
  public static PermissionSnapshot stranger(long version, Instant computedAt) {
    return new PermissionSnapshot(
        PermissionSet.empty(), version, Optional.empty(), false, computedAt, DATABASE);
  }

  /** This snapshot as held by the tier named {@code tier} (the same value when it already is). */
  public PermissionSnapshot servedBy(String tier) {
    return tier.equals(servedBy)
        ? this
        : new PermissionSnapshot(
            permissions, version, validUntil, cacheable, computedAt, tier, scoped);
  }

  /**
   * This snapshot — the set a change announced for a user, read in its transaction — as a cache may
   * keep it in place of {@code held}, the set it holds for that user: only if it names nothing that
   * {@code held} does not, tenant-wide and per organization, and is not older than {@code held}
   * (version), and then valid no longer than either. A cache applying announcements through this
   * can only ever narrow what it serves: a mistaken or forged announcement may make it deny until
   * the next change or the entry's lifespan, never allow anything it would not have allowed anyway.
   * Empty when the announced set grants more (or other) names: the cache must then evict and load.
   */
  public Optional<PermissionSnapshot> narrowing(PermissionSnapshot held) {
    if (version < held.version
        || !permissions.namesWithin(held.permissions)
        || !scoped.within(held.scoped)) {
      return Optional.empty();
    }
    Optional<Instant> until = validUntil;
    if (cacheable && held.validUntil.isPresent()) {
      until =
          validUntil.filter(mine -> !mine.isAfter(held.validUntil.get())).or(() -> held.validUntil);
    }
    return Optional.of(
        new PermissionSnapshot(
            permissions, version, until, cacheable, computedAt, servedBy, scoped));
  }

  public boolean isValidAt(Instant now) {
    return validUntil.map(now::isBefore).orElse(true);
  }
}
