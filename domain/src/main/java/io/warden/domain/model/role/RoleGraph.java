package io.warden.domain.model.role;

import io.warden.domain.model.permission.PermissionName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The roles of one tenant and their inclusions: what a role grants through everything it includes,
 * whether a change would close a cycle, and the inclusion path by which an assigned role reaches
 * another. Inclusions of roles that are not in the graph (deleted meanwhile) are ignored.
 */
public final class RoleGraph {
  private final Map<RoleId, Role> roles;

  private RoleGraph(Map<RoleId, Role> roles) {
    this.roles = roles;
  }

  public static RoleGraph of(Collection<Role> roles) {
    Map<RoleId, Role> byId = new LinkedHashMap<>();
    for (Role role : roles) {
      byId.put(role.id(), role);
    }
    return new RoleGraph(byId);
  }

  /** The same graph with {@code role} added or replaced (a role as it would be after a change). */
  public RoleGraph with(Role role) {
    Map<RoleId, Role> copy = new LinkedHashMap<>(roles);
    copy.put(role.id(), role);
    return new RoleGraph(copy);
  }

  /** Whether a role of this id is in the graph. */
  public boolean contains(RoleId id) {
    return roles.containsKey(id);
  }

  /** {@code start} and every role it includes, transitively, in breadth-first order. */
  public Set<RoleId> reachableFrom(RoleId start) {
    Set<RoleId> ids = new LinkedHashSet<>();
    for (Role role : rolesReachableFrom(start)) {
      ids.add(role.id());
    }
    return Collections.unmodifiableSet(ids);
  }

  private Collection<Role> rolesReachableFrom(RoleId start) {
    Map<RoleId, Role> seen = new LinkedHashMap<>();
    Deque<Role> queue = new ArrayDeque<>();
    Role first = roles.get(start);
    if (first != null) {
      seen.put(start, first);
      queue.add(first);
    }
    while (!queue.isEmpty()) {
      for (RoleId next : queue.remove().includes()) {
        Role included = roles.get(next);
        if (included != null && seen.putIfAbsent(next, included) == null) {
          queue.add(included);
        }
      }
    }
    return seen.values();
  }

  /** Whether {@code role} can reach itself through its inclusions. */
  public boolean hasCycleThrough(RoleId role) {
    Role start = roles.get(role);
    if (start == null) {
      return false;
    }
    for (RoleId included : start.includes()) {
      if (included.equals(role) || reachableFrom(included).contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** Everything holding {@code role} grants: its own permissions and its included roles'. */
  public SortedSet<PermissionName> grantsOf(RoleId role) {
    SortedSet<PermissionName> grants = new TreeSet<>();
    for (Role reached : rolesReachableFrom(role)) {
      grants.addAll(reached.permissions());
    }
    return Collections.unmodifiableSortedSet(grants);
  }

  /** A role reached from an assigned role, and the roles passed on the way. */
  public record Reached(Role role, List<RoleId> via) {
    public Reached {
      via = List.copyOf(via);
    }
  }

  /**
   * Every role the {@code assigned} roles reach, each once, with the shortest inclusion path from
   * an assigned role ({@code via} starts with that assigned role and ends before the reached role;
   * empty for an assigned role itself). Assigned roles come first, in the given order.
   */
  public List<Reached> reachedFrom(List<RoleId> assigned) {
    Map<RoleId, Reached> reached = new LinkedHashMap<>();
    Deque<Reached> queue = new ArrayDeque<>();
    for (RoleId id : assigned) {
      Role role = roles.get(id);
      if (role != null && !reached.containsKey(id)) {
        Reached first = new Reached(role, List.of());
        reached.put(id, first);
        queue.add(first);
      }
    }
    while (!queue.isEmpty()) {
      Reached current = queue.remove();
      List<RoleId> through = new ArrayList<>(current.via());
      through.add(current.role().id());
      for (RoleId next : current.role().includes()) {
        Role role = roles.get(next);
        if (role != null && !reached.containsKey(next)) {
          Reached onward = new Reached(role, through);
          reached.put(next, onward);
          queue.add(onward);
        }
      }
    }
    return List.copyOf(reached.values());
  }
}
