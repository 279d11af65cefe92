package io.warden.domain.model.organization;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The organizations of one tenant as a tree, and its rules: a parent exists in the same tenant, no
 * organization is its own ancestor (a move under its own subtree is a cycle), the tree is at most
 * {@link #MAX_DEPTH} levels deep and holds at most {@link #MAX_ORGANIZATIONS} organizations.
 * Deleting an organization moves its children to its parent. Immutable: the rules answer what a
 * change would be, and the caller stores it.
 */
public final class OrganizationTree {
  /** Most levels from a root (level 1) to a leaf. */
  public static final int MAX_DEPTH = 10;

  /** Most organizations one tenant may hold. */
  public static final int MAX_ORGANIZATIONS = 10_000;

  private static final Comparator<Organization> ORDER =
      Comparator.comparing(Organization::name).thenComparing(Organization::id);

  private final Map<OrganizationId, Organization> byId = new HashMap<>();
  private final Map<OrganizationId, List<OrganizationId>> children = new HashMap<>();

  private OrganizationTree(Collection<Organization> organizations) {
    for (Organization organization : organizations) {
      byId.put(organization.id(), organization);
    }
    for (Organization organization : organizations) {
      organization
          .parentId()
          .filter(byId::containsKey)
          .ifPresent(
              p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(organization.id()));
    }
  }

  /** The tree of {@code organizations}, as stored (the database keeps it a tree). */
  public static OrganizationTree of(Collection<Organization> organizations) {
    return new OrganizationTree(organizations);
  }

  public int size() {
    return byId.size();
  }

  public boolean contains(OrganizationId id) {
    return byId.containsKey(id);
  }

  public Optional<Organization> find(OrganizationId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every organization, by name then id. */
  public List<Organization> all() {
    return byId.values().stream().sorted(ORDER).toList();
  }

  /** The direct children of {@code id}, by name then id. */
  public List<Organization> childrenOf(OrganizationId id) {
    return children.getOrDefault(id, List.of()).stream().map(byId::get).sorted(ORDER).toList();
  }

  /** The level of {@code id}: 1 for a root. */
  public int depthOf(OrganizationId id) {
    int depth = 0;
    Optional<OrganizationId> at = Optional.of(id);
    while (at.isPresent() && depth <= MAX_ORGANIZATIONS) {
      Organization organization = byId.get(at.get());
      if (organization == null) {
        break;
      }
      depth++;
      at = organization.parentId();
    }
    return depth;
  }

  /**
   * {@code id} and its ancestors, {@code id} first and the root last; empty when the tree has no
   * such organization. What an organization-scoped check looks up: an assignment made for any of
   * them grants inside {@code id}.
   */
  public List<OrganizationId> chainOf(OrganizationId id) {
    List<OrganizationId> chain = new ArrayList<>();
    Organization at = byId.get(id);
    while (at != null && chain.size() < MAX_ORGANIZATIONS) {
      chain.add(at.id());
      at = at.parentId().map(byId::get).orElse(null);
    }
    return List.copyOf(chain);
  }

  /** Levels of the subtree of {@code id}: 1 for a leaf. */
  public int heightOf(OrganizationId id) {
    int height = 1;
    for (OrganizationId child : children.getOrDefault(id, List.of())) {
      height = Math.max(height, 1 + heightOf(child));
    }
    return height;
  }

  /** {@code roots} that exist, and every organization below them. */
  public Set<OrganizationId> closureOf(Collection<OrganizationId> roots) {
    Set<OrganizationId> reached = new LinkedHashSet<>();
    Deque<OrganizationId> pending = new ArrayDeque<>();
    for (OrganizationId root : roots) {
      if (byId.containsKey(root)) {
        pending.add(root);
      }
    }
    while (!pending.isEmpty()) {
      OrganizationId id = pending.poll();
      if (reached.add(id)) {
        pending.addAll(children.getOrDefault(id, List.of()));
      }
    }
    return reached;
  }

  /** A new organization under {@code parent}, if the tree may hold it there. */
  public Organization create(
      OrganizationId id, TenantId tenantId, String name, Optional<OrganizationId> parent) {
    InvalidValueException.require(
        size() < MAX_ORGANIZATIONS,
        "name",
        "a tenant holds at most " + MAX_ORGANIZATIONS + " organizations");
    parent.ifPresent(this::requireParent);
    int depth = parent.map(this::depthOf).orElse(0) + 1;
    requireDepth(depth);
    return new Organization(id, tenantId, name, parent);
  }

  /**
   * {@code id} under {@code newParent} (a root if empty), with its whole subtree; refused when the
   * new parent is the organization or one of its descendants, or the subtree would sink too deep.
   */
  public Organization move(OrganizationId id, Optional<OrganizationId> newParent) {
    Organization organization = existing(id);
    if (newParent.isPresent()) {
      requireParent(newParent.get());
      InvalidValueException.require(
          !closureOf(List.of(id)).contains(newParent.get()),
          "parentId",
          "would make a cycle: the new parent is the organization or one of its descendants");
    }
    int depth = newParent.map(this::depthOf).orElse(0) + heightOf(id);
    requireDepth(depth);
    return organization.movedTo(newParent);
  }

  /** The children of {@code id}, moved to its parent: what deleting it changes besides itself. */
  public List<Organization> childrenAfterDeleting(OrganizationId id) {
    Organization organization = existing(id);
    return childrenOf(id).stream().map(c -> c.movedTo(organization.parentId())).toList();
  }

  private Organization existing(OrganizationId id) {
    Organization organization = byId.get(id);
    if (organization == null) {
      throw new IllegalArgumentException("no organization " + id + " in this tree");
    }
    return organization;
  }

  private void requireParent(OrganizationId parent) {
    InvalidValueException.require(
        byId.containsKey(parent), "parentId", "no such organization in this tenant");
  }

  private static void requireDepth(int depth) {
    InvalidValueException.require(
        depth <= MAX_DEPTH, "parentId", "the tree would be deeper than " + MAX_DEPTH + " levels");
  }
}
