package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.BUILT_IN_PERMISSIONS;
import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.field;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.Warden;
import io.warden.bootstrap.WardenConfig;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up provisioning and the zero-install path: demo data seeded once however often Warden
 * starts, and Warden on its embedded PostgreSQL (no {@code WARDEN_DB_URL}) keeping its data across
 * restarts.
 */
class SeedAndEmbeddedTest {
  private static final int DEMO_TENANTS = 2;
  private static final int DEMO_USERS = 50;
  private static final String DEMO_DOMAIN = "@demo.warden.local";

  /** The documented demo password: the one application.yaml ships, with nothing overriding it. */
  private static final String DEMO_PASSWORD = WardenConfig.load(Map.of()).demoPassword();

  @Test
  void demo_tenants_and_users_are_seeded_once_and_log_in_holding_their_roles() throws SQLException {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.put("WARDEN_DEMO_TENANTS", Integer.toString(DEMO_TENANTS));
    env.put("WARDEN_DEMO_USERS", Integer.toString(DEMO_USERS));

    try (WardenInstance first = WardenInstance.start(shared, env)) {
      assertDemoUsersHoldTheirRoles(first.client());
      assertDemoTenants(first.client());
    }
    // The same configuration again on the same database: nothing is seeded a second time.
    try (WardenInstance second = WardenInstance.start(shared, env)) {
      assertDemoTenants(second.client());
    }
    try (Connection db = shared.database().connectAsAdmin()) {
      assertThat(count(db, "SELECT count(*) FROM tenants")).isEqualTo(DEMO_TENANTS);
      assertThat(count(db, "SELECT count(*) FROM users WHERE email LIKE '%" + DEMO_DOMAIN + "'"))
          .isEqualTo(DEMO_TENANTS * DEMO_USERS);
      assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(DEMO_TENANTS * DEMO_USERS + 1);
      assertThat(count(db, "SELECT count(*) FROM memberships"))
          .isEqualTo(DEMO_TENANTS * DEMO_USERS);
      assertThat(count(db, "SELECT count(*) FROM roles")).isEqualTo(DEMO_TENANTS * 3);
      // Per tenant: every user a viewer, every tenth an editor, the first an admin.
      assertThat(count(db, "SELECT count(*) FROM user_roles"))
          .isEqualTo(DEMO_TENANTS * (DEMO_USERS + DEMO_USERS / 10 + 1));
    }
  }

  /** Demo users log in with the demo password, into their one tenant, holding their roles. */
  private static void assertDemoUsersHoldTheirRoles(WardenClient client) {
    for (int t = 1; t <= DEMO_TENANTS; t++) {
      String slug = "demo-" + t;
      JsonObject tenth = demoMe(client, t, 10, slug);
      assertThat(roleNames(tenth)).containsExactlyInAnyOrder("editor", "viewer");
      assertThat(strings(tenth.getJsonArray("permissions")))
          .containsExactly("authz.check", "roles.assign", "roles.edit", "roles.view", "users.view");
      assertTheEditorCannotMakeItselfAdmin(client, t, 10, tenth);

      JsonObject seventh = demoMe(client, t, 7, slug);
      assertThat(roleNames(seventh)).containsExactly("viewer");
      assertThat(strings(seventh.getJsonArray("permissions")))
          .containsExactly("roles.view", "users.view");

      assertProblem(client.login(email(t, DEMO_USERS + 1), DEMO_PASSWORD), 401);
    }
  }

  /**
   * The demo editor edits and assigns roles, but no longer makes itself (or anyone) tenant
   * administrator: the escalation rule refuses it, and it holds what it held.
   */
  private static void assertTheEditorCannotMakeItselfAdmin(
      WardenClient client, int tenant, int user, JsonObject me) {
    String token = client.token(email(tenant, user), DEMO_PASSWORD);
    String adminRole =
        expect(client.get("/api/roles", token), 200).jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(role -> role.getString("name").equals("admin"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    String self = me.getJsonObject("user").getString("id");
    JsonObject refused =
        assertProblem(
            client.raw("POST", "/api/roles/" + adminRole + "/users/" + self, token, null, null),
            403);
    assertThat(refused.getString("detail")).contains("users.manage", "roles.bind");
    assertThat(
            assertProblem(
                    client.post(
                        "/api/roles",
                        token,
                        json("name", "takeover", "permissions", List.of("users.manage"))),
                    403)
                .getString("detail"))
        .contains("users.manage");
    assertThat(
            strings(expect(client.get("/api/me", token), 200).json().getJsonArray("permissions")))
        .containsExactly("authz.check", "roles.assign", "roles.edit", "roles.view", "users.view");
  }

  /** Each demo tenant, seen by its first user (its administrator): its users and three roles. */
  private static void assertDemoTenants(WardenClient client) {
    for (int t = 1; t <= DEMO_TENANTS; t++) {
      String slug = "demo-" + t;
      JsonObject login = expect(client.login(email(t, 1), DEMO_PASSWORD), 200).json();
      assertThat(login.getJsonObject("tenant").getString("slug")).isEqualTo(slug);
      String admin = login.getString("accessToken");
      JsonObject me = expect(client.get("/api/me", admin), 200).json();
      assertThat(roleNames(me)).containsExactlyInAnyOrder("admin", "viewer");
      assertThat(strings(me.getJsonArray("permissions")))
          .containsExactlyElementsOf(BUILT_IN_PERMISSIONS);

      JsonObject members = expect(client.get("/api/members?limit=500", admin), 200).json();
      assertThat(members.isNull("nextCursor")).isTrue();
      List<String> emails = field(members.getJsonArray("items"), "email");
      assertThat(emails).hasSize(DEMO_USERS).doesNotHaveDuplicates();
      assertThat(emails)
          .allSatisfy(e -> assertThat(e).startsWith(slug + "-").endsWith(DEMO_DOMAIN));
      assertThat(emails).contains(email(t, DEMO_USERS));
      assertThat(field(expect(client.get("/api/roles", admin), 200).jsonArray(), "name"))
          .containsExactlyInAnyOrder("admin", "viewer", "editor");
    }
  }

  /** A demo user's {@code /api/me}, after checking that login selected their only tenant. */
  private static JsonObject demoMe(WardenClient client, int tenant, int user, String slug) {
    JsonObject login = expect(client.login(email(tenant, user), DEMO_PASSWORD), 200).json();
    assertThat(login.getJsonArray("tenants")).hasSize(1);
    assertThat(login.getJsonObject("tenant").getString("slug")).isEqualTo(slug);
    return expect(client.get("/api/me", login.getString("accessToken")), 200).json();
  }

  private static List<String> roleNames(JsonObject me) {
    return field(me.getJsonArray("roles"), "name");
  }

  private static String email(int tenant, int user) {
    return "demo-" + tenant + "-" + user + DEMO_DOMAIN;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void without_a_database_url_warden_runs_on_embedded_postgresql_and_keeps_its_data(
      @TempDir Path dir) {
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.put("WARDEN_PORT", "0");
    env.put("WARDEN_EMBEDDED_DB_DIR", dir.resolve("postgres").toString());
    env.put("WARDEN_ADMIN_EMAIL", WardenInstance.ADMIN_EMAIL);
    env.put("WARDEN_ADMIN_PASSWORD", WardenInstance.ADMIN_PASSWORD);
    env.put("WARDEN_DB_POOL_SIZE", "4");
    WardenConfig config = WardenConfig.load(env);
    assertThat(config.dbUrl()).isEmpty();
    assertThat(config.redisUrl()).isEmpty();

    String adminId;
    String userEmail;
    String userId;
    try (Warden warden = Warden.start(config)) {
      WardenClient client = new WardenClient("http://127.0.0.1:" + warden.port());
      assertHealthy(client);
      JsonObject login =
          expect(client.login(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD), 200)
              .json();
      adminId = login.getJsonObject("user").getString("id");
      String admin = login.getString("accessToken");
      userEmail = "survivor@e2e.test";
      userId =
          expect(
                  client.post(
                      "/api/admin/users",
                      admin,
                      json(
                          "email",
                          userEmail,
                          "password",
                          WardenApi.PASSWORD,
                          "displayName",
                          "Survivor")),
                  201)
              .json()
              .getString("id");
      String tenant =
          expect(
                  client.post(
                      "/api/admin/tenants", admin, json("slug", "embedded", "name", "Embedded")),
                  201)
              .json()
              .getString("id");
      expect(
          client.post(
              "/api/admin/tenants/" + tenant + "/members",
              admin,
              json("userId", userId, "roles", List.of("admin"))),
          201);
    }
    assertThat(dir.resolve("postgres").resolve("PG_VERSION")).isRegularFile();

    // Started again on the same folder: the same administrator, not a new one; the data is there.
    try (Warden warden = Warden.start(WardenConfig.load(env))) {
      WardenClient client = new WardenClient("http://127.0.0.1:" + warden.port());
      assertHealthy(client);
      JsonObject admin =
          expect(client.login(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD), 200)
              .json();
      assertThat(admin.getJsonObject("user").getString("id")).isEqualTo(adminId);
      JsonObject user = expect(client.login(userEmail, WardenApi.PASSWORD), 200).json();
      assertThat(user.getJsonObject("user").getString("id")).isEqualTo(userId);
      assertThat(user.getJsonObject("tenant").getString("slug")).isEqualTo("embedded");
      JsonObject me = expect(client.get("/api/me", user.getString("accessToken")), 200).json();
      assertThat(roleNames(me)).containsExactly("admin");
    }
  }

  private static void assertHealthy(WardenClient client) {
    assertThat(client.get("/ping", null).body()).isEqualTo("pong");
    JsonObject health = expect(client.get("/health", null), 200).json();
    assertThat(health.getString("status")).as("%s", health).isEqualTo("UP");
    assertThat(health.getJsonObject("checks").getJsonObject("database").getString("status"))
        .isEqualTo("UP");
  }
}
