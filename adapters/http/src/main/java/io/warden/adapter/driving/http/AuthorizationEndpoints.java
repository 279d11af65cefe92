package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase.CheckItem;
import io.warden.application.port.driving.AuthorizationUseCase.CheckResult;
import io.warden.application.port.driving.AuthorizationUseCase.Explanation;
import io.warden.application.port.driving.AuthorizationUseCase.Grant;
import io.warden.application.port.driving.AuthorizationUseCase.Me;
import io.warden.application.port.driving.Caller;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.UserId;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The caller ({@code /api/me}) and permission checks and queries inside the caller's tenant. */
final class AuthorizationEndpoints implements WardenService {
  private final AuthorizationUseCase authorization;
  private final BearerAuthentication bearer;

  AuthorizationEndpoints(AuthorizationUseCase authorization, BearerAuthentication bearer) {
    this.authorization = authorization;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/me", this::me)
        .post("/api/authz/check", this::check)
        .post("/api/authz/check-batch", this::checkBatch)
        .get("/api/authz/users/{userId}/permissions", this::permissionsOfUser)
        .post("/api/authz/permissions/batch", this::permissionsOfUsers)
        .get("/api/authz/explain", this::explain);
  }

  private void me(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Me me = RevisionHeaders.honouring(req, authorization).me(caller);
    Responses.ok(
        res,
        JsonCodec.object()
            .add("user", JsonViews.user(me.user()))
            .add("tenant", JsonViews.tenant(me.tenant()))
            .add("roles", JsonViews.list(me.roles(), JsonViews::roleRef))
            .add("permissions", JsonViews.permissionNames(me.permissions()))
            .add(
                "organizations",
                JsonViews.list(me.organizations().direct(), JsonViews::organizationRef))
            .add(
                "accessibleOrganizationIds",
                JsonViews.strings(
                    me.organizations().accessible().stream().map(Object::toString).toList()))
            .build());
  }

  private void check(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    String permission = body.requiredString("permission");
    Optional<UserId> userId = body.optionalId("userId", UserId::parse);
    Optional<OrganizationId> organizationId =
        body.optionalId("organizationId", OrganizationId::parse);
    AuthorizationUseCase answering = RevisionHeaders.honouring(req, authorization);
    // Without an organization: the hot path, unchanged.
    boolean allowed =
        organizationId.isEmpty()
            ? answering.check(caller, userId, permission)
            : answering.check(caller, userId, permission, organizationId.get());
    // The answer of the hot path written as bytes directly: the same JSON as a JSON-P object of
    // these members would give (its map, entries and values cost more than the answer itself).
    String user = userId.orElse(caller.userId()).toString();
    String organization = organizationId.isPresent() ? organizationId.get().toString() : null;
    Responses.ok(
        res,
        JsonBytes.object(
            json ->
                json.member("allowed", allowed)
                    .member("permission", permission)
                    .member("userId", user)
                    .member("organizationId", organization)));
  }

  /**
   * Items that cannot even be read (not an object, no permission, a bad user id) are answered in
   * place with an error, as the contract asks; the rest go to the use case in one call.
   */
  private void checkBatch(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonArray checks = JsonBody.required(req).requiredArray("checks");
    // Counted before the items are parsed, by the use case's own rule.
    AuthorizationUseCase.requireBatchOfChecks(checks.size());
    caller.requireTenant();
    AuthorizationUseCase answering = RevisionHeaders.honouring(req, authorization);

    JsonObject[] answers = new JsonObject[checks.size()];
    List<CheckItem> readable = new ArrayList<>(checks.size());
    List<Integer> readableAt = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      try {
        JsonBody item = JsonBody.nested(checks.get(i), "checks[" + i + "]");
        readable.add(
            new CheckItem(
                item.requiredString("permission"),
                item.optionalId("userId", UserId::parse),
                item.optionalId("organizationId", OrganizationId::parse)));
        readableAt.add(i);
      } catch (InvalidValueException e) {
        answers[i] = unreadableItem(checks.get(i), e);
      }
    }
    List<CheckResult> results =
        readable.isEmpty() ? List.of() : answering.checkBatch(caller, readable);
    if (results.size() != readable.size()) {
      throw new IllegalStateException(
          "checkBatch answered " + results.size() + " of " + readable.size() + " items");
    }
    for (int r = 0; r < results.size(); r++) {
      answers[readableAt.get(r)] = checkResult(results.get(r), readable.get(r).organizationId());
    }
    JsonArrayBuilder array = JsonCodec.array();
    for (JsonObject answer : answers) {
      array.add(answer);
    }
    Responses.ok(res, JsonCodec.object().add("results", array).build());
  }

  private static JsonObject checkResult(
      CheckResult result, Optional<OrganizationId> organizationId) {
    JsonObjectBuilder json =
        JsonCodec.object()
            .add("permission", result.permission())
            .add("userId", result.userId().toString())
            .add("allowed", result.allowed());
    organizationId.ifPresent(id -> json.add("organizationId", id.toString()));
    result.error().ifPresent(error -> json.add("error", error));
    return json.build();
  }

  private static JsonObject unreadableItem(JsonValue item, InvalidValueException e) {
    JsonObjectBuilder json = JsonCodec.object();
    json.add("permission", rawString(item, "permission"));
    json.add("userId", rawString(item, "userId"));
    JsonValue organizationId = rawString(item, "organizationId");
    if (organizationId != JsonValue.NULL) {
      json.add("organizationId", organizationId);
    }
    return json.add("allowed", false).add("error", e.field() + " " + e.getMessage()).build();
  }

  /** The item's field echoed back if it was a string at all, so the client can match answers. */
  private static JsonValue rawString(JsonValue item, String field) {
    if (item.getValueType() == JsonValue.ValueType.OBJECT) {
      JsonValue value = item.asJsonObject().get(field);
      if (value != null && value.getValueType() == JsonValue.ValueType.STRING) {
        return value;
      }
    }
    return JsonValue.NULL;
  }

  private void permissionsOfUser(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    UserId userId = RequestParams.pathId(req, "userId", UserId::parse);
    PermissionSet permissions = authorization.permissionsOf(caller, userId);
    Responses.ok(
        res,
        JsonCodec.object()
            .add("userId", userId.toString())
            .add("permissions", JsonViews.permissionNames(permissions))
            .build());
  }

  private void permissionsOfUsers(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    List<String> texts = JsonBody.required(req).requiredStrings("userIds");
    AuthorizationUseCase.requireBatchOfUsers(texts.size());
    Set<UserId> userIds = new LinkedHashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      userIds.add(UserId.parse(texts.get(i), "userIds[" + i + "]"));
    }
    Map<UserId, PermissionSet> permissions =
        authorization.permissionsOf(caller, List.copyOf(userIds));
    JsonObjectBuilder byUser = JsonCodec.object();
    for (UserId userId : userIds) {
      byUser.add(
          userId.toString(),
          JsonViews.permissionNames(permissions.getOrDefault(userId, PermissionSet.empty())));
    }
    Responses.ok(res, JsonCodec.object().add("permissions", byUser).build());
  }

  private void explain(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    String permission = RequestParams.requiredQuery(req, "permission");
    UserId userId =
        RequestParams.query(req, "userId")
            .map(text -> UserId.parse(text, "userId"))
            .orElse(caller.userId());
    Optional<OrganizationId> organizationId =
        RequestParams.query(req, "organizationId")
            .map(text -> OrganizationId.parse(text, "organizationId"));
    Explanation explanation =
        RevisionHeaders.honouring(req, authorization)
            .explain(caller, userId, permission, organizationId);
    JsonArrayBuilder grantedBy = JsonCodec.array();
    for (Grant grant : explanation.grantedBy()) {
      JsonObjectBuilder json =
          JsonCodec.object()
              .add("roleId", grant.role().id().toString())
              .add("roleName", grant.role().name())
              .add("via", JsonViews.strings(grant.via().stream().map(RoleId::toString).toList()))
              .add("permission", grant.permission().value());
      // Tenant-wide grants stay as they were; a scoped one names its organization.
      grant.organizationId().ifPresent(id -> json.add("organizationId", id.toString()));
      grantedBy.add(json);
    }
    JsonObjectBuilder answer =
        JsonCodec.object()
            .add("allowed", explanation.allowed())
            .add("permission", explanation.permission())
            .add("userId", explanation.userId().toString());
    organizationId.ifPresent(id -> answer.add("organizationId", id.toString()));
    Responses.ok(
        res,
        answer
            .add("grantedBy", grantedBy)
            .add("servedBy", explanation.servedBy())
            .add("computedAt", explanation.computedAt().toString())
            .build());
  }
}
