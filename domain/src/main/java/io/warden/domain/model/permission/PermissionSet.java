package io.warden.domain.model.permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of permissions held as a sorted array of interned ids, beside the sorted
 * prefixes of the wildcards it holds ({@code reports.*} → {@code reports.}).
 *
 * <p>{@link #allows} is one hash look-up and a binary search over the ids; only when that misses
 * and the set holds wildcards, one binary search over the prefixes. The prefixes are kept
 * prefix-free (a prefix that extends another held one, {@code reports.daily.} beside {@code
 * reports.}, grants nothing more and is dropped), and in a sorted prefix-free array the only prefix
 * a name can start with is the greatest one not above it: one comparison after the search. A set of
 * twenty permissions without wildcards costs about a hundred bytes.
 */
public final class PermissionSet {
  private static final String[] NO_PREFIXES = new String[0];
  private static final PermissionSet EMPTY = new PermissionSet(new int[0]);

  private final int[] ids;
  private final String[] prefixes;

  private PermissionSet(int[] sortedDistinctIds) {
    this.ids = sortedDistinctIds;
    this.prefixes = wildcardPrefixes(sortedDistinctIds);
  }

  public static PermissionSet empty() {
    return EMPTY;
  }

  /** The set of the given well-formed names; duplicates are folded. */
  public static PermissionSet of(Collection<String> names) {
    if (names.isEmpty()) {
      return EMPTY;
    }
    int[] ids = new int[names.size()];
    int i = 0;
    for (String name : names) {
      if (!PermissionName.isWellFormed(name)) {
        throw new IllegalArgumentException("not a permission name: " + name);
      }
      ids[i++] = PermissionIds.intern(name);
    }
    return fromIds(ids);
  }

  public static PermissionSet of(String... names) {
    return of(Arrays.asList(names));
  }

  public static PermissionSet ofNames(Collection<PermissionName> names) {
    return of(names.stream().map(PermissionName::value).toList());
  }

  private static PermissionSet fromIds(int[] ids) {
    Arrays.sort(ids);
    int distinct = 0;
    for (int i = 0; i < ids.length; i++) {
      if (i == 0 || ids[i] != ids[i - 1]) {
        ids[distinct++] = ids[i];
      }
    }
    return new PermissionSet(distinct == ids.length ? ids : Arrays.copyOf(ids, distinct));
  }

  /** The sorted, prefix-free prefixes of the wildcards among {@code ids}. */
  private static String[] wildcardPrefixes(int[] ids) {
    List<String> found = null;
    for (int id : ids) {
      String name = PermissionIds.name(id);
      if (PermissionName.isWildcard(name)) {
        if (found == null) {
          found = new ArrayList<>();
        }
        found.add(PermissionName.wildcardPrefix(name));
      }
    }
    if (found == null) {
      return NO_PREFIXES;
    }
    Collections.sort(found);
    // Sorted, a prefix comes right before the names that extend it: keep only the first of a run.
    List<String> kept = new ArrayList<>(found.size());
    for (String prefix : found) {
      if (kept.isEmpty() || !prefix.startsWith(kept.get(kept.size() - 1))) {
        kept.add(prefix);
      }
    }
    return kept.toArray(String[]::new);
  }

  /**
   * Whether the set grants {@code permission}: holds it, or holds a wildcard whose prefix it
   * extends. A name never seen is held only through a wildcard.
   */
  public boolean allows(String permission) {
    int id = PermissionIds.lookup(permission);
    if (id >= 0 && Arrays.binarySearch(ids, id) >= 0) {
      return true;
    }
    return prefixes.length != 0 && coveredByWildcard(permission);
  }

  private boolean coveredByWildcard(String permission) {
    int found = Arrays.binarySearch(prefixes, permission);
    if (found >= 0) {
      return false; // a bare prefix ends with a separator: no permission's name
    }
    int candidate = -found - 2; // the greatest prefix below the name
    if (candidate < 0) {
      return false;
    }
    String prefix = prefixes[candidate];
    return permission.length() > prefix.length() && permission.startsWith(prefix);
  }

  public boolean allows(PermissionName permission) {
    return allows(permission.value());
  }

  /** Whether the set holds at least one wildcard. */
  public boolean hasWildcards() {
    return prefixes.length != 0;
  }

  public PermissionSet union(PermissionSet other) {
    if (other.ids.length == 0) {
      return this;
    }
    if (ids.length == 0) {
      return other;
    }
    int[] merged = Arrays.copyOf(ids, ids.length + other.ids.length);
    System.arraycopy(other.ids, 0, merged, ids.length, other.ids.length);
    return fromIds(merged);
  }

  /**
   * Whether every name of this set is also a name of {@code other} (wildcards compared as names):
   * then this set grants nothing {@code other} does not. A {@code false} says only that the names
   * differ, not that this set grants more.
   */
  public boolean namesWithin(PermissionSet other) {
    if (ids.length > other.ids.length) {
      return false;
    }
    for (int id : ids) {
      if (Arrays.binarySearch(other.ids, id) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The number of names held, wildcards counted once each (not what they expand to). */
  public int size() {
    return ids.length;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  /** The names in the set, sorted: what was granted, wildcards as themselves. */
  public List<String> names() {
    List<String> names = new ArrayList<>(ids.length);
    for (int id : ids) {
      names.add(PermissionIds.name(id));
    }
    Collections.sort(names);
    return Collections.unmodifiableList(names);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PermissionSet other && Arrays.equals(ids, other.ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
