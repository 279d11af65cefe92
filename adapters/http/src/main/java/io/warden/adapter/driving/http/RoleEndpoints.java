package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.ListingUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.RoleAdministrationUseCase.UpdateRole;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Roles of the caller's tenant, their permissions, and their assignment to members. */
final class RoleEndpoints implements WardenService {
  private final RoleAdministrationUseCase roles;
  private final MemberAdministrationUseCase members;
  private final ListingUseCase listing;
  private final BearerAuthentication bearer;

  RoleEndpoints(
      RoleAdministrationUseCase roles,
      MemberAdministrationUseCase members,
      ListingUseCase listing,
      BearerAuthentication bearer) {
    this.roles = roles;
    this.members = members;
    this.listing = listing;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/roles", this::list)
        .post("/api/roles", this::create)
        .get("/api/roles/{roleId}", this::get)
        .put("/api/roles/{roleId}", this::update)
        .delete("/api/roles/{roleId}", this::delete)
        .post("/api/roles/{roleId}/permissions/{permission}", this::grant)
        .delete("/api/roles/{roleId}/permissions/{permission}", this::revoke)
        .post("/api/roles/{roleId}/users/{userId}", this::assign)
        .delete("/api/roles/{roleId}/users/{userId}", this::unassign);
  }

  /**
   * The contract's plain array of every role, unless the request asks for a page ({@code ?limit} or
   * {@code ?cursor}): then one page of the roles by id, as every paged list answers.
   */
  private void list(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    if (PageParams.asked(req)) {
      Responses.ok(
          res, JsonViews.page(listing.roles(caller, PageParams.of(req, false)), JsonViews::role));
    } else {
      Responses.ok(res, JsonViews.list(roles.list(caller), JsonViews::role));
    }
  }

  private void create(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    CreateRole command =
        new CreateRole(
            body.requiredString("name"),
            body.optionalString("description").orElse(""),
            body.optionalStrings("permissions").orElse(List.of()),
            body.optionalStrings("includes").orElse(List.of()));
    Role role = roles.create(caller, command);
    res.header(HeaderNames.LOCATION, "/api/roles/" + role.id());
    Responses.created(res, JsonViews.role(role));
  }

  private void get(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(res, JsonViews.role(roles.get(caller, roleId(req))));
  }

  private void update(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    RoleId roleId = roleId(req);
    JsonBody body = JsonBody.required(req);
    UpdateRole command =
        new UpdateRole(
            body.optionalString("name"),
            body.optionalString("description"),
            body.optionalStrings("permissions"),
            body.optionalStrings("includes"));
    Responses.ok(res, JsonViews.role(roles.update(caller, roleId, command)));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    roles.delete(bearer.caller(req), roleId(req));
    Responses.noContent(res);
  }

  private void grant(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    roles.grant(caller, roleId(req), RequestParams.path(req, "permission"));
    Responses.noContent(res);
  }

  private void revoke(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    roles.revoke(caller, roleId(req), RequestParams.path(req, "permission"));
    Responses.noContent(res);
  }

  /**
   * The body is optional: {@code {"expiresAt": "<RFC 3339>"}} limits the assignment in time, {@code
   * {"organizationId"}} to one organization and its descendants.
   */
  private void assign(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    RoleId roleId = roleId(req);
    UserId userId = userId(req);
    Optional<JsonBody> body = JsonBody.optional(req);
    Optional<Instant> expiresAt = body.flatMap(b -> b.optionalInstant("expiresAt"));
    Optional<OrganizationId> organizationId =
        body.flatMap(b -> b.optionalId("organizationId", OrganizationId::parse));
    members.assign(caller, roleId, userId, expiresAt, organizationId);
    Responses.noContent(res);
  }

  /** {@code ?organizationId=} ends the assignment scoped to it, else the tenant-wide one. */
  private void unassign(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Optional<OrganizationId> organizationId =
        RequestParams.query(req, "organizationId")
            .map(text -> OrganizationId.parse(text, "organizationId"));
    members.unassign(caller, roleId(req), userId(req), organizationId);
    Responses.noContent(res);
  }

  private static RoleId roleId(ServerRequest req) {
    return RequestParams.pathId(req, "roleId", RoleId::parse);
  }

  private static UserId userId(ServerRequest req) {
    return RequestParams.pathId(req, "userId", UserId::parse);
  }
}
