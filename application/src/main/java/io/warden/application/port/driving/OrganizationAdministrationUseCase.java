package io.warden.application.port.driving;

import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * The organization tree of the caller's tenant ({@code orgs.view} to read, {@code orgs.manage} to
 * change) and its members. An id of another tenant's organization is {@link NotFound}.
 */
public interface OrganizationAdministrationUseCase {

  /** Every organization of the tenant, by name then id. */
  List<Organization> list(Caller caller);

  /** A new organization, a root when {@code parentId} is empty. */
  Organization create(Caller caller, String name, Optional<OrganizationId> parentId);

  /**
   * Renames and/or moves (with its subtree). {@code parentId}: absent leaves the parent, present
   * and empty makes the organization a root.
   */
  Organization update(
      Caller caller,
      OrganizationId id,
      Optional<String> name,
      Optional<Optional<OrganizationId>> parentId);

  /** Deletes the organization; its children move to its parent. */
  void delete(Caller caller, OrganizationId id);

  /**
   * Idempotent; {@link NotFound} if the organization or the membership in the tenant is unknown.
   */
  void addMember(Caller caller, OrganizationId id, UserId userId);

  /** Idempotent; {@link NotFound} if the organization is unknown. */
  void removeMember(Caller caller, OrganizationId id, UserId userId);
}
