package io.warden.application.port.driven;

import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.user.UserId;
import java.util.List;

/**
 * Organizations of the current transaction's tenant and their members (row-level security scopes
 * every call). The tree's rules are the domain's ({@code OrganizationTree}); this port stores what
 * they allowed, under {@link #lockTree()}.
 */
public interface OrganizationRepository {

  /**
   * Serialises changes of the tenant's tree until the transaction ends, so that two concurrent
   * moves cannot each pass the cycle check against a tree the other one is changing.
   */
  void lockTree();

  /** Every organization of the tenant. */
  List<Organization> findAll();

  /** Whether the tenant has an organization with this id. */
  default boolean exists(OrganizationId id) {
    return findAll().stream().anyMatch(o -> o.id().equals(id));
  }

  void insert(Organization organization);

  /** Stores the name and the parent of an existing organization; whether it existed. */
  boolean update(Organization organization);

  /** Deletes the organization and its memberships (move its children first); whether it existed. */
  boolean delete(OrganizationId id);

  /** Idempotent: whether the user was not a member of it before. */
  boolean addMember(OrganizationId id, UserId userId);

  /** Idempotent: whether the user was a member of it. */
  boolean removeMember(OrganizationId id, UserId userId);

  /** The organizations {@code userId} is a direct member of, by name then id. */
  List<Organization> organizationsOf(UserId userId);
}
