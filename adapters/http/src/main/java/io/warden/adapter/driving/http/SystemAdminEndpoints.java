package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.ListingUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase.CreateUser;
import io.warden.application.port.driving.SystemAdministrationUseCase.UpdateUser;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;

/** System administration: tenants, their first members, users and permission definitions. */
final class SystemAdminEndpoints implements WardenService {
  private final SystemAdministrationUseCase system;
  private final ListingUseCase listing;
  private final BearerAuthentication bearer;

  SystemAdminEndpoints(
      SystemAdministrationUseCase system, ListingUseCase listing, BearerAuthentication bearer) {
    this.system = system;
    this.listing = listing;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/admin/tenants", this::listTenants)
        .post("/api/admin/tenants", this::createTenant)
        .patch("/api/admin/tenants/{tenantId}", this::updateTenant)
        .post("/api/admin/tenants/{tenantId}/members", this::addTenantMember)
        .get("/api/admin/users", this::listUsers)
        .post("/api/admin/users", this::createUser)
        .patch("/api/admin/users/{userId}", this::updateUser)
        .get("/api/admin/permissions", this::permissions)
        .post("/api/admin/permissions", this::createPermission)
        .delete("/api/admin/permissions/{name}", this::deletePermission);
  }

  private void listTenants(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(
        res,
        JsonViews.page(
            listing.tenants(caller, PageParams.of(req, true)), JsonViews::tenantWithState));
  }

  private void listUsers(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(
        res,
        JsonViews.page(listing.users(caller, PageParams.of(req, true)), JsonViews::userWithState));
  }

  private void createTenant(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    String slug = body.requiredString("slug");
    String name = body.requiredString("name");
    Responses.created(res, JsonViews.tenant(system.createTenant(caller, slug, name)));
  }

  private void updateTenant(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    TenantId tenantId = RequestParams.pathId(req, "tenantId", TenantId::parse);
    JsonBody body = JsonBody.required(req);
    Responses.ok(
        res,
        JsonViews.tenantWithState(
            system.updateTenant(
                caller, tenantId, body.optionalString("name"), body.optionalBoolean("active"))));
  }

  private void addTenantMember(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    TenantId tenantId = RequestParams.pathId(req, "tenantId", TenantId::parse);
    JsonBody body = JsonBody.required(req);
    UserId userId = body.requiredId("userId", UserId::parse);
    List<String> roleNames = body.optionalStrings("roles").orElse(List.of());
    Responses.created(
        res, JsonViews.member(system.addTenantMember(caller, tenantId, userId, roleNames)));
  }

  private void createUser(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    CreateUser command =
        new CreateUser(
            body.requiredString("email"),
            body.requiredString("password"),
            body.requiredString("displayName"),
            body.optionalBoolean("systemAdmin").orElse(false));
    Responses.created(res, JsonViews.user(system.createUser(caller, command)));
  }

  private void updateUser(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    UserId userId = RequestParams.pathId(req, "userId", UserId::parse);
    JsonBody body = JsonBody.required(req);
    UpdateUser command =
        new UpdateUser(
            body.optionalString("displayName"),
            body.optionalBoolean("active"),
            body.optionalString("password"));
    Responses.ok(res, JsonViews.user(system.updateUser(caller, userId, command)));
  }

  private void permissions(ServerRequest req, ServerResponse res) {
    List<Permission> permissions = system.permissions(bearer.caller(req));
    Responses.ok(res, JsonViews.list(permissions, JsonViews::permission));
  }

  private void createPermission(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    String name = body.requiredString("name");
    String description = body.requiredString("description");
    Responses.created(
        res, JsonViews.permission(system.createPermission(caller, name, description)));
  }

  private void deletePermission(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    system.deletePermission(caller, RequestParams.path(req, "name"));
    Responses.noContent(res);
  }
}
