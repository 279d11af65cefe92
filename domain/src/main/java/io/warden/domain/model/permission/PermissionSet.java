package io.warden.domain.model.permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of permissions held as a sorted array of interned ids: {@link #allows} is one
 * hash look-up and a binary search, and a set of twenty permissions costs about a hundred bytes.
 */
public final class PermissionSet {
  private static final PermissionSet EMPTY = new PermissionSet(new int[0]);

  private final int[] ids;

  private PermissionSet(int[] sortedDistinctIds) {
    this.ids = sortedDistinctIds;
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

  /** Whether the set holds {@code permission}; a name never seen is simply not held. */
  public boolean allows(String permission) {
    int id = PermissionIds.lookup(permission);
    return id >= 0 && Arrays.binarySearch(ids, id) >= 0;
  }

  public boolean allows(PermissionName permission) {
    return allows(permission.value());
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

  public int size() {
    return ids.length;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  /** The names in the set, sorted. */
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
