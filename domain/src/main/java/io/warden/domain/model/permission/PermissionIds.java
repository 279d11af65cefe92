package io.warden.domain.model.permission;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns permission names as small ints, process-wide, so that a {@link PermissionSet} is a sorted
 * {@code int[]}. Only names that enter a set are interned: looking up a name never grows the table,
 * so callers asking about arbitrary names cannot exhaust memory.
 */
final class PermissionIds {
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static volatile String[] names = new String[64];
  private static int next;

  private PermissionIds() {}

  /** The id of {@code name}, interning it if new. */
  static int intern(String name) {
    Integer id = IDS.get(name);
    return id != null ? id : internSlow(name);
  }

  private static synchronized int internSlow(String name) {
    Integer id = IDS.get(name);
    if (id != null) {
      return id;
    }
    int assigned = next++;
    String[] table = names;
    if (assigned >= table.length) {
      table = Arrays.copyOf(table, table.length * 2);
    }
    table[assigned] = name;
    names = table;
    IDS.put(name, assigned);
    return assigned;
  }

  /** The id of {@code name}, or -1 if no set has ever held it. */
  static int lookup(String name) {
    Integer id = IDS.get(name);
    return id != null ? id : -1;
  }

  static String name(int id) {
    return names[id];
  }
}
