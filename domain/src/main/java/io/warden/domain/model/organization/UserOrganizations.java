package io.warden.domain.model.organization;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The organizations of one user in one tenant: those the user is a direct member of, and the
 * accessible ones (those plus every descendant), computed once when the user's context is read and
 * cached with it.
 */
public record UserOrganizations(List<Organization> direct, SortedSet<OrganizationId> accessible) {
  /** A user in no organization. */
  public static final UserOrganizations NONE =
      new UserOrganizations(List.of(), Collections.emptySortedSet());

  public UserOrganizations {
    direct = List.copyOf(direct);
    accessible = Collections.unmodifiableSortedSet(new TreeSet<>(accessible));
  }

  /** The direct memberships {@code direct} and what they reach in {@code tree}. */
  public static UserOrganizations of(OrganizationTree tree, Collection<Organization> direct) {
    if (direct.isEmpty()) {
      return NONE;
    }
    return new UserOrganizations(
        OrganizationTree.of(direct).all(),
        new TreeSet<>(tree.closureOf(direct.stream().map(Organization::id).toList())));
  }
}
