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
import java.util.Objects;
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
    Objects.requireNonNull(start, "start");
    Set<RoleId> seen = new LinkedHashSet<>();
    Deque<RoleId> queue = new ArrayDeque<>();
    if (roles.containsKey(start)) {
      seen.add(start);
      queue.add(start);
    }
    while (!queue.isEmpty()) {
      for (RoleId next : roles.get(queue.poll()).includes()) {
        if (roles.containsKey(next) && seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return Collections.unmodifiableSet(seen);
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
    for (RoleId reached : reachableFrom(role)) {
      grants.addAll(roles.get(reached).permissions());
    }
    return Collections.unmodifiableSortedSet(grants);
  }

  /** A role reached from an assigned role, and the roles passed on the way. */
  public record Reached(Role role, List<RoleId> via) {
    public Reached {
      Objects.requireNonNull(role, "role");
      via = List.copyOf(via);
    }
  }

  /**
   * Every role the {@code assigned} roles reach, each once, with the shortest inclusion path from
   * an assigned role ({@code via} starts with that assigned role and ends before the reached role;
   * empty for an assigned role itself). Assigned roles come first, in the given order.
   */
  public List<Reached> reachedFrom(List<RoleId> assigned) {
    Map<RoleId, List<RoleId>> paths = new LinkedHashMap<>();
    Deque<RoleId> queue = new ArrayDeque<>();
    for (RoleId id : assigned) {
      if (roles.containsKey(id) && !paths.containsKey(id)) {
        paths.put(id, List.of());
        queue.add(id);
      }
    }
    while (!queue.isEmpty()) {
      RoleId current = queue.poll();
      List<RoleId> through = new ArrayList<>(paths.get(current));
      through.add(current);
      for (RoleId next : roles.get(current).includes()) {
        if (roles.containsKey(next) && !paths.containsKey(next)) {
          paths.put(next, List.copyOf(through));
          queue.add(next);
        }
      }
    }
    List<Reached> reached = new ArrayList<>(paths.size());
    paths.forEach((id, via) -> reached.add(new Reached(roles.get(id), via)));
    return Collections.unmodifiableList(reached);
  }
}
