package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tries every way a holder of {@code roles.edit} and {@code roles.assign} (the demo {@code editor}
 * role's kind of permissions) could hand out more than they hold, over HTTP against PostgreSQL and
 * Redis: a role with a permission they lack (create, PUT, grant), the admin role assigned to
 * themselves or others, a role assigned and then edited, the role they hold edited. Each is a 403
 * naming what they lack, with nothing committed (the data version does not move); each succeeds for
 * a holder of {@code roles.escalate} (editing) or {@code roles.bind} (assigning).
 */
class PrivilegeEscalationTest extends OneWardenTest {
  private static final List<String> EDITOR =
      List.of("authz.check", "roles.assign", "roles.edit", "roles.view", "users.view");
  private static final String REFUSED = "you cannot grant permissions you do not hold: ";

  private String tenant;
  private String admin;
  private String adminRole;

  @BeforeAll
  void start() {
    tenant = api.createTenant("escalation").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
    adminRole = api.roleId(admin, "admin");
  }

  /** A caller holding {@code holds} ({@link #EDITOR} and more) through a role of its own. */
  private record Actor(Account account, String token, String ownRole, List<String> holds) {}

  private Actor actor(String name, String... extra) {
    List<String> holds = Stream.concat(EDITOR.stream(), Stream.of(extra)).toList();
    String role =
        api.createRole(admin, api.unique(name), holds.toArray(String[]::new)).getString("id");
    Account account = api.member(tenant, name);
    api.assign(admin, role, account.id());
    return new Actor(account, api.token(account), role, holds);
  }

  /** Roles made by the tenant administrator for one test: one the actor may not hand out. */
  private record Targets(String harmless, String managers, Account colleague) {}

  private Targets targets() {
    return new Targets(
        api.createRole(admin, api.unique("harmless"), "users.view").getString("id"),
        api.createRole(admin, api.unique("managers"), "users.manage").getString("id"),
        api.member(tenant, "colleague"));
  }

  /** One escalation attempt and what it lacks when refused. */
  private record Attempt(String name, String method, String path, String body, String lacking) {
    Response send(WardenClient client, String token) {
      return client.raw(method, path, token, body == null ? null : "application/json", body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private List<Attempt> edits(Actor actor, Targets t) {
    String managersPermissions = "/api/roles/" + t.managers() + "/permissions/";
    return List.of(
        new Attempt(
            "create a role with a permission one lacks",
            "POST",
            "/api/roles",
            json(
                "name",
                api.unique("mine"),
                "permissions",
                List.of("users.view", "users.manage", "cache.manage")),
            "cache.manage, users.manage"),
        new Attempt(
            "PUT a permission one lacks into a role",
            "PUT",
            "/api/roles/" + t.harmless(),
            json("permissions", List.of("users.view", "metrics.view")),
            "metrics.view"),
        new Attempt(
            "PUT a permission one lacks into the role one holds",
            "PUT",
            "/api/roles/" + actor.ownRole(),
            json(
                "permissions",
                Stream.concat(actor.holds().stream(), Stream.of("users.manage")).toList()),
            "users.manage"),
        new Attempt(
            "grant the role one holds a permission one lacks",
            "POST",
            "/api/roles/" + actor.ownRole() + "/permissions/metrics.view",
            null,
            "metrics.view"),
        new Attempt(
            "grant a permission one lacks",
            "POST",
            "/api/roles/" + t.harmless() + "/permissions/cache.manage",
            null,
            "cache.manage"),
        new Attempt(
            "grant a held permission to a role granting one one lacks",
            "POST",
            managersPermissions + "users.view",
            null,
            "users.manage"),
        new Attempt(
            "rename a role one could not create",
            "PUT",
            "/api/roles/" + t.managers(),
            json("name", api.unique("renamed")),
            "users.manage"));
  }

  private List<Attempt> assignments(Actor actor, Targets t) {
    String adminLacks =
        "audit.view, cache.manage, metrics.view, orgs.manage, orgs.view, roles.bind,"
            + " roles.escalate, users.manage";
    return List.of(
        new Attempt(
            "assign the admin role to oneself",
            "POST",
            "/api/roles/" + adminRole + "/users/" + actor.account().id(),
            null,
            adminLacks),
        new Attempt(
            "assign the admin role to another",
            "POST",
            "/api/roles/" + adminRole + "/users/" + t.colleague().id(),
            null,
            adminLacks),
        new Attempt(
            "assign the admin role to another for a while",
            "POST",
            "/api/roles/" + adminRole + "/users/" + t.colleague().id(),
            json("expiresAt", "2999-01-01T00:00:00Z"),
            adminLacks),
        new Attempt(
            "assign oneself a role granting what one lacks",
            "POST",
            "/api/roles/" + t.managers() + "/users/" + actor.account().id(),
            null,
            "users.manage"),
        new Attempt(
            "assign another a role granting what one lacks",
            "POST",
            "/api/roles/" + t.managers() + "/users/" + t.colleague().id(),
            null,
            "users.manage"));
  }

  @Test
  void an_editor_is_refused_every_escalation_naming_what_it_lacks_and_nothing_changes()
      throws SQLException {
    Actor editor = actor("editor");
    Targets t = targets();
    String before = snapshot(editor, t);
    long version = dataVersion();

    for (Attempt attempt : edits(editor, t)) {
      String detail = assertProblem(attempt.send(client, editor.token()), 403).getString("detail");
      assertThat(detail)
          .as("%s", attempt)
          .isEqualTo(REFUSED + attempt.lacking() + " (or hold roles.escalate)");
    }
    for (Attempt attempt : assignments(editor, t)) {
      String detail = assertProblem(attempt.send(client, editor.token()), 403).getString("detail");
      assertThat(detail)
          .as("%s", attempt)
          .isEqualTo(REFUSED + attempt.lacking() + " (or hold roles.bind)");
    }

    assertThat(dataVersion()).as("nothing was committed").isEqualTo(version);
    assertThat(snapshot(editor, t)).isEqualTo(before);
    assertThat(api.check(editor.token(), "users.manage")).isFalse();
    assertThat(api.check(admin, "users.manage", t.colleague().id())).isFalse();
  }

  @Test
  void assigning_a_role_then_editing_it_is_refused_too() throws SQLException {
    Actor editor = actor("editor");
    Targets t = targets();
    String own = api.createRole(editor.token(), api.unique("own"), "users.view").getString("id");
    api.assign(editor.token(), own, editor.account().id());
    api.assign(editor.token(), own, t.colleague().id());
    String before = snapshot(editor, t);
    long version = dataVersion();

    assertProblem(
        api.postEmpty("/api/roles/" + own + "/permissions/users.manage", editor.token()), 403);
    assertProblem(
        client.put(
            "/api/roles/" + own, editor.token(), json("permissions", List.of("users.manage"))),
        403);

    assertThat(dataVersion()).isEqualTo(version);
    assertThat(snapshot(editor, t)).isEqualTo(before);
    assertThat(api.check(admin, "users.manage", t.colleague().id())).isFalse();
    assertThat(api.check(admin, "users.view", t.colleague().id())).isTrue();
  }

  @Test
  void roles_escalate_lets_every_edit_through_but_no_assignment() throws SQLException {
    Actor escalator = actor("escalator", "roles.escalate");
    Targets t = targets();

    // Assignments first: the edits below make the escalator hold more (its own role grows).
    refusedChangingNothing(assignments(escalator, t), escalator, "roles.bind");

    for (Attempt attempt : edits(escalator, t)) {
      assertThat(attempt.send(client, escalator.token()).status())
          .as("%s", attempt)
          .isIn(200, 201, 204);
    }
    assertThat(api.check(escalator.token(), "users.manage")).isTrue();
    assertThat(api.check(escalator.token(), "metrics.view")).isTrue();
    assertThat(api.check(admin, "cache.manage", t.colleague().id())).isFalse();
  }

  @Test
  void roles_bind_lets_every_assignment_through_but_no_edit() throws SQLException {
    Actor binder = actor("binder", "roles.bind");
    Targets t = targets();

    refusedChangingNothing(edits(binder, t), binder, "roles.escalate");

    for (Attempt attempt : assignments(binder, t)) {
      assertThat(attempt.send(client, binder.token()).status()).as("%s", attempt).isEqualTo(204);
    }
    assertThat(api.check(binder.token(), "users.manage")).isTrue();
    assertThat(api.check(admin, "roles.escalate", t.colleague().id())).isTrue();
  }

  @Test
  void the_built_in_admin_role_holds_both_overrides_and_a_system_administrator_is_not_limited() {
    assertThat(
            strings(
                expect(client.get("/api/roles/" + adminRole, admin), 200)
                    .json()
                    .getJsonArray("permissions")))
        .contains("roles.escalate", "roles.bind")
        .containsExactlyElementsOf(WardenApi.BUILT_IN_PERMISSIONS);
    Targets t = targets();
    String root = api.adminIn(tenant);
    String made =
        api.createRole(root, api.unique("made"), "users.manage", "metrics.view").getString("id");
    api.assign(root, adminRole, t.colleague().id());
    api.assign(admin, made, t.colleague().id());

    assertThat(api.check(admin, "roles.bind", t.colleague().id())).isTrue();
  }

  /**
   * The roles with their permissions and every member's roles, as the tenant administrator sees.
   */
  private String snapshot(Actor actor, Targets t) {
    List<String> parts = new ArrayList<>();
    parts.add(expect(client.get("/api/roles", admin), 200).body());
    parts.add(expect(client.get("/api/members?limit=500", admin), 200).body());
    parts.add(expect(client.get("/api/me", actor.token()), 200).body());
    parts.add(
        expect(client.get("/api/authz/users/" + t.colleague().id() + "/permissions", admin), 200)
            .body());
    return String.join("\n", parts);
  }

  /**
   * Sends every attempt as {@code actor}: each is refused 403 with a detail ending "(or hold {@code
   * override})", and no change is committed.
   */
  private void refusedChangingNothing(List<Attempt> attempts, Actor actor, String override) {
    long version = dataVersion();
    for (Attempt attempt : attempts) {
      String detail = assertProblem(attempt.send(client, actor.token()), 403).getString("detail");
      assertThat(detail).as("%s", attempt).endsWith(" (or hold " + override + ")");
    }
    assertThat(dataVersion()).isEqualTo(version);
  }

  /** The data version every committed change advances, read behind Warden's back. */
  private long dataVersion() {
    return shared.database().adminNumber("SELECT version FROM rbac_clock");
  }
}
