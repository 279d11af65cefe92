package io.warden.bootstrap.cache;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds RBAC data and makes every kind of change through the HTTP API of one instance, as an
 * operator would, so that each change runs through the real services: one transaction, the journal
 * and the writer's own eviction before the answer. Every call fails the test unless it gets the
 * status the API promises.
 */
final class Operator {
  static final String PASSWORD = "cache-tests-password-1";
  static final String NEW_PASSWORD = "cache-tests-password-2";

  private final WardenClient client;
  private final String systemToken;

  /** Logs the system administrator in on {@code client}'s instance. */
  Operator(WardenClient client) {
    this.client = client;
    this.systemToken = client.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD);
  }

  /** A tenant and a token of the system administrator scoped to it (every permission in it). */
  record Tenant(String id, String adminToken) {}

  record Role(String id, String name) {}

  WardenClient client() {
    return client;
  }

  Tenant newTenant() {
    String slug = "t-" + unique();
    Response created =
        expect(
            201,
            client.post(
                "/api/admin/tenants",
                systemToken,
                Json.createObjectBuilder()
                    .add("slug", slug)
                    .add("name", "Tenant " + slug)
                    .build()
                    .toString()));
    String id = created.json().getString("id");
    return new Tenant(id, client.select(systemToken, id));
  }

  /** Defines a new global permission with a name no other test uses; returns the name. */
  String newPermission(String stem) {
    String name = stem + "." + unique().replace('-', '_');
    expect(
        201,
        client.post(
            "/api/admin/permissions",
            systemToken,
            Json.createObjectBuilder()
                .add("name", name)
                .add("description", "cache test permission")
                .build()
                .toString()));
    return name;
  }

  Role newRole(Tenant tenant, String... permissions) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    for (String permission : permissions) {
      names.add(permission);
    }
    String name = "role-" + unique();
    Response created =
        expect(
            201,
            client.post(
                "/api/roles",
                tenant.adminToken(),
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("permissions", names)
                    .build()
                    .toString()));
    return new Role(created.json().getString("id"), name);
  }

  /**
   * A new user, an active member of {@code tenant} holding {@code roles}; returns id and e-mail.
   */
  Member newMember(Tenant tenant, Role... roles) {
    String email = "member-" + unique() + "@cache.test";
    Response created =
        expect(
            201,
            client.post(
                "/api/admin/users",
                systemToken,
                Json.createObjectBuilder()
                    .add("email", email)
                    .add("password", PASSWORD)
                    .add("displayName", "Cache Test Member")
                    .build()
                    .toString()));
    String userId = created.json().getString("id");
    JsonArrayBuilder names = Json.createArrayBuilder();
    for (Role role : roles) {
      names.add(role.name());
    }
    expect(
        201,
        client.post(
            "/api/admin/tenants/" + tenant.id() + "/members",
            systemToken,
            Json.createObjectBuilder()
                .add("userId", userId)
                .add("roles", names)
                .build()
                .toString()));
    return new Member(userId, email);
  }

  /** A member's ids. */
  record Member(String id, String email) {}

  /**
   * A member of a new tenant holding one role that grants one new permission: what a propagation
   * test takes away and gives back.
   */
  record Holder(Tenant tenant, String permission, Role role, Member member) {
    TenantId tenantId() {
      return TenantId.parse(tenant.id(), "tenant");
    }

    UserId userId() {
      return UserId.parse(member.id(), "user");
    }
  }

  /** A new tenant, a new permission named after {@code stem}, a role granting it, its member. */
  Holder newHolder(String stem) {
    return newHolders(stem, 1).getFirst();
  }

  /**
   * {@code count} members of one new tenant, each holding a role of their own that grants the same
   * new permission, named after {@code stem}.
   */
  List<Holder> newHolders(String stem, int count) {
    Tenant tenant = newTenant();
    String permission = newPermission(stem);
    List<Holder> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Role role = newRole(tenant, permission);
      holders.add(new Holder(tenant, permission, role, newMember(tenant, role)));
    }
    return holders;
  }

  /** Logs {@code member} in on {@code on}; a member of exactly one tenant gets a scoped token. */
  static String login(WardenClient on, Member member) {
    return on.token(member.email(), PASSWORD);
  }

  void grant(Tenant tenant, Role role, String permission) {
    expect(
        204,
        client.post(
            "/api/roles/" + role.id() + "/permissions/" + permission, tenant.adminToken(), "{}"));
  }

  void revoke(Tenant tenant, Role role, String permission) {
    expect(
        204,
        client.delete(
            "/api/roles/" + role.id() + "/permissions/" + permission, tenant.adminToken()));
  }

  void assign(Tenant tenant, Role role, String userId) {
    expect(
        204,
        client.post("/api/roles/" + role.id() + "/users/" + userId, tenant.adminToken(), "{}"));
  }

  void unassign(Tenant tenant, Role role, String userId) {
    expect(204, client.delete("/api/roles/" + role.id() + "/users/" + userId, tenant.adminToken()));
  }

  /** Gives {@code holder}'s role its permission back. */
  void grant(Holder holder) {
    grant(holder.tenant(), holder.role(), holder.permission());
  }

  /** Takes the permission out of {@code holder}'s role. */
  void revoke(Holder holder) {
    revoke(holder.tenant(), holder.role(), holder.permission());
  }

  /** Gives {@code holder} its role back. */
  void assign(Holder holder) {
    assign(holder.tenant(), holder.role(), holder.member().id());
  }

  /** Takes {@code holder}'s role away from it. */
  void unassign(Holder holder) {
    unassign(holder.tenant(), holder.role(), holder.member().id());
  }

  void deleteRole(Tenant tenant, Role role) {
    expect(204, client.delete("/api/roles/" + role.id(), tenant.adminToken()));
  }

  void deletePermission(String permission) {
    expect(204, client.delete("/api/admin/permissions/" + permission, systemToken));
  }

  void removeMember(Tenant tenant, String userId) {
    expect(204, client.delete("/api/members/" + userId, tenant.adminToken()));
  }

  void deactivateUser(String userId) {
    patchUser(userId, Json.createObjectBuilder().add("active", false).build());
  }

  void changePassword(String userId) {
    patchUser(userId, Json.createObjectBuilder().add("password", NEW_PASSWORD).build());
  }

  void deactivateTenant(Tenant tenant) {
    expect(
        200,
        client.patch(
            "/api/admin/tenants/" + tenant.id(),
            systemToken,
            Json.createObjectBuilder().add("active", false).build().toString()));
  }

  /** The user's own logout of the session {@code token} belongs to. */
  void logout(String token) {
    expect(204, client.post("/api/auth/logout", token, "{}"));
  }

  /** The user's own logout of every session, sent with any token of theirs. */
  void logoutAll(String token) {
    expect(204, client.post("/api/auth/logout-all", token, "{}"));
  }

  private void patchUser(String userId, JsonObject body) {
    expect(200, client.patch("/api/admin/users/" + userId, systemToken, body.toString()));
  }

  static Response expect(int status, Response response) {
    if (response.status() != status) {
      throw new AssertionError("expected " + status + " but got " + response);
    }
    return response;
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 13);
  }
}
