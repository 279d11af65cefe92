package io.warden.adapter.driving.http;

import io.warden.application.port.driving.AuditUseCase.AuditPage;
import io.warden.application.port.driving.CacheWarmingUseCase.WarmJob;
import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.application.port.driving.ListingUseCase;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.MemberAdministrationUseCase.MemberPage;
import io.warden.application.port.driving.SessionManagementUseCase.SessionView;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shapes of the HTTP contract ({@code openapi.yaml}), built from domain objects and
 * use-case results. One method per shape, so every endpoint that shows a user, tenant or role shows
 * it the same way.
 */
final class JsonViews {
  private JsonViews() {}

  static JsonObject user(User user) {
    return JsonCodec.object()
        .add("id", user.id().toString())
        .add("email", user.email().value())
        .add("displayName", user.displayName())
        .build();
  }

  static JsonObject tenant(Tenant tenant) {
    return tenantBuilder(tenant).build();
  }

  /** The tenant with its {@code active} flag, as {@code PATCH /api/admin/tenants/{id}} answers. */
  static JsonObject tenantWithState(Tenant tenant) {
    return tenantBuilder(tenant).add("active", tenant.active()).build();
  }

  private static JsonObjectBuilder tenantBuilder(Tenant tenant) {
    return JsonCodec.object()
        .add("id", tenant.id().toString())
        .add("slug", tenant.slug())
        .add("name", tenant.name());
  }

  static JsonArray tenants(Collection<Tenant> tenants) {
    return list(tenants, JsonViews::tenant);
  }

  static JsonObject role(Role role) {
    JsonArrayBuilder permissions = JsonCodec.array();
    // Role keeps its permissions in a sorted set: the order on the wire is already sorted.
    for (PermissionName permission : role.permissions()) {
      permissions.add(permission.value());
    }
    return JsonCodec.object()
        .add("id", role.id().toString())
        .add("name", role.name())
        .add("description", role.description())
        .add("system", role.system())
        .add("permissions", permissions)
        .add("includes", strings(role.includes().stream().map(RoleId::toString).toList()))
        .build();
  }

  /** A role as a member or {@code /api/me} lists it: id and name only. */
  static JsonObject roleRef(Role role) {
    return JsonCodec.object().add("id", role.id().toString()).add("name", role.name()).build();
  }

  static JsonObject organization(Organization organization) {
    return JsonCodec.object()
        .add("id", organization.id().toString())
        .add("name", organization.name())
        .add(
            "parentId",
            organization
                .parentId()
                .<JsonValue>map(p -> JsonCodec.string(p.toString()))
                .orElse(JsonValue.NULL))
        .build();
  }

  static JsonObject organizationRef(Organization organization) {
    return JsonCodec.object()
        .add("id", organization.id().toString())
        .add("name", organization.name())
        .build();
  }

  static JsonArray permissionNames(PermissionSet permissions) {
    return strings(permissions.names());
  }

  static JsonObject permission(Permission permission) {
    return JsonCodec.object()
        .add("name", permission.name().value())
        .add("description", permission.description())
        .build();
  }

  static JsonObject member(Member member) {
    User user = member.user();
    return JsonCodec.object()
        .add("userId", user.id().toString())
        .add("email", user.email().value())
        .add("displayName", user.displayName())
        .add("active", member.active())
        .add("roles", list(member.roles(), JsonViews::roleRef))
        .build();
  }

  /** A user with the flags a system administrator's list shows. */
  static JsonObject userWithState(User user) {
    return JsonCodec.object()
        .add("id", user.id().toString())
        .add("email", user.email().value())
        .add("displayName", user.displayName())
        .add("active", user.active())
        .add("systemAdmin", user.systemAdmin())
        .build();
  }

  /** {@code {"items":[...],"nextCursor":...|null}}, the shape of every paged list. */
  static <T> JsonObject page(ListingUseCase.Page<T> page, Function<T, JsonObject> view) {
    JsonObjectBuilder json = JsonCodec.object().add("items", list(page.items(), view));
    return nullable(json, "nextCursor", page.nextCursor().map(JsonCodec::string)).build();
  }

  static JsonObject memberPage(MemberPage page) {
    JsonObjectBuilder json = JsonCodec.object().add("items", list(page.items(), JsonViews::member));
    return nullable(json, "nextCursor", page.nextCursor().map(JsonCodec::string)).build();
  }

  /** {@code {"items":[AuditEvent],"nextCursor"}}. */
  static JsonObject auditPage(AuditPage page) {
    JsonObjectBuilder json =
        JsonCodec.object().add("items", list(page.items(), JsonViews::auditEvent));
    return nullable(json, "nextCursor", page.nextCursor().map(JsonCodec::string)).build();
  }

  /**
   * {@code {"id","at","actor":{"userId","email"}|null,"action","tenantId"|null,"target",
   * "details","requestId"|null}}.
   */
  static JsonObject auditEvent(AuditEvent event) {
    JsonObjectBuilder json =
        JsonCodec.object().add("id", event.id().toString()).add("at", event.at().toString());
    nullable(
        json,
        "actor",
        event
            .actor()
            .map(
                actor ->
                    nullable(
                            JsonCodec.object().add("userId", actor.userId().toString()),
                            "email",
                            actor.email().map(JsonCodec::string))
                        .build()));
    json.add("action", event.action());
    nullable(json, "tenantId", event.tenantId().map(t -> JsonCodec.string(t.toString())));
    json.add("target", auditValues(event.target())).add("details", auditValues(event.details()));
    return nullable(json, "requestId", event.requestId().map(JsonCodec::string)).build();
  }

  private static JsonObject auditValues(Map<String, Object> values) {
    JsonObjectBuilder json = JsonCodec.object();
    values.forEach(
        (key, value) -> {
          switch (value) {
            case Boolean b -> json.add(key, b);
            case Long l -> json.add(key, l);
            case List<?> items ->
                json.add(key, strings(items.stream().map(String::valueOf).toList()));
            default -> json.add(key, String.valueOf(value));
          }
        });
    return json.build();
  }

  static JsonObject login(LoginResult.Success result) {
    return tokenFields(result.tokens())
        .add("user", user(result.user()))
        .add("tenants", tenants(result.tenants()))
        .add("tenant", tenantOrNull(result.tokens().tenant()))
        .build();
  }

  static JsonObject tokens(TokenPair tokens) {
    return tokenFields(tokens).add("tenant", tenantOrNull(tokens.tenant())).build();
  }

  private static JsonObjectBuilder tokenFields(TokenPair tokens) {
    return JsonCodec.object()
        .add("accessToken", tokens.accessToken())
        .add("tokenType", "Bearer")
        .add("expiresIn", tokens.expiresInSeconds())
        .add("refreshToken", tokens.refreshToken());
  }

  /** {@code [{"id","createdAt","lastRefreshedAt","expiresAt","current"}]}, instants in ISO-8601. */
  static JsonArray sessions(Collection<SessionView> sessions) {
    return list(
        sessions,
        session ->
            nullable(
                    JsonCodec.object()
                        .add("id", session.id())
                        .add("createdAt", session.createdAt().toString()),
                    "lastRefreshedAt",
                    session.lastRefreshedAt().map(at -> JsonCodec.string(at.toString())))
                .add("expiresAt", session.expiresAt().toString())
                .add("current", session.current())
                .build());
  }

  private static JsonValue tenantOrNull(Optional<Tenant> tenant) {
    return tenant.<JsonValue>map(JsonViews::tenant).orElse(JsonValue.NULL);
  }

  static JsonObject health(Health health) {
    JsonObjectBuilder checks = JsonCodec.object();
    health
        .checks()
        .forEach(
            (name, check) -> {
              // A withheld detail is absent, not null: the summary shows no trace of it.
              JsonObjectBuilder view = JsonCodec.object().add("status", check.status().name());
              if (check.detail() != null) {
                view.add("detail", check.detail());
              }
              checks.add(name, view.build());
            });
    return JsonCodec.object().add("status", health.status().name()).add("checks", checks).build();
  }

  /** {@code {"state":"running"|"done"|"failed","done","total"}}. */
  static JsonObject warmJob(WarmJob job) {
    return JsonCodec.object()
        .add("state", job.state().name().toLowerCase(Locale.ROOT))
        .add("done", job.done())
        .add("total", job.total())
        .build();
  }

  static JsonArray strings(Collection<String> values) {
    JsonArrayBuilder array = JsonCodec.array();
    values.forEach(array::add);
    return array.build();
  }

  static <T> JsonArray list(Collection<T> items, Function<T, JsonObject> view) {
    JsonArrayBuilder array = JsonCodec.array();
    for (T item : items) {
      array.add(view.apply(item));
    }
    return array.build();
  }

  private static JsonObjectBuilder nullable(
      JsonObjectBuilder json, String field, Optional<JsonValue> value) {
    return json.add(field, value.orElse(JsonValue.NULL));
  }
}
