package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.OrganizationAdministrationUseCase;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.user.UserId;
import java.util.Optional;

/** The organization tree of the caller's tenant and its members. */
final class OrganizationEndpoints implements WardenService {
  private static final String MEMBER = "/api/organizations/{organizationId}/members/{userId}";

  private final OrganizationAdministrationUseCase organizations;
  private final BearerAuthentication bearer;

  OrganizationEndpoints(
      OrganizationAdministrationUseCase organizations, BearerAuthentication bearer) {
    this.organizations = organizations;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/organizations", this::list)
        .post("/api/organizations", this::create)
        .patch("/api/organizations/{organizationId}", this::update)
        .delete("/api/organizations/{organizationId}", this::delete)
        .post(MEMBER, (req, res) -> changeMember(req, res, organizations::addMember))
        .delete(MEMBER, (req, res) -> changeMember(req, res, organizations::removeMember));
  }

  private void list(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(res, JsonViews.list(organizations.list(caller), JsonViews::organization));
  }

  private void create(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    String name = body.requiredString("name");
    Optional<OrganizationId> parentId = body.optionalId("parentId", OrganizationId::parse);
    Responses.created(res, JsonViews.organization(organizations.create(caller, name, parentId)));
  }

  /** {@code "parentId": null} makes the organization a root; leaving it out keeps the parent. */
  private void update(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    OrganizationId id = RequestParams.pathId(req, "organizationId", OrganizationId::parse);
    JsonBody body = JsonBody.required(req);
    Optional<String> name = body.optionalString("name");
    Optional<Optional<OrganizationId>> parentId =
        body.mentions("parentId")
            ? Optional.of(body.optionalId("parentId", OrganizationId::parse))
            : Optional.empty();
    Organization updated = organizations.update(caller, id, name, parentId);
    Responses.ok(res, JsonViews.organization(updated));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    organizations.delete(
        caller, RequestParams.pathId(req, "organizationId", OrganizationId::parse));
    Responses.noContent(res);
  }

  /** Adding or removing a member: the same path, the same empty answer. */
  private void changeMember(ServerRequest req, ServerResponse res, MemberChange change) {
    Caller caller = bearer.caller(req);
    change.apply(
        caller,
        RequestParams.pathId(req, "organizationId", OrganizationId::parse),
        RequestParams.pathId(req, "userId", UserId::parse));
    Responses.noContent(res);
  }

  /** {@link OrganizationAdministrationUseCase#addMember} or {@code removeMember}. */
  @FunctionalInterface
  private interface MemberChange {
    void apply(Caller caller, OrganizationId id, UserId userId);
  }
}
