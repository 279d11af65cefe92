package io.warden.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.testing.BuiltInPermissionNames;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * What the end-to-end tests do through the HTTP API, as any client would (create tenants, users and
 * memberships, log in), and the checks every answer of the contract must pass.
 */
final class WardenApi {
  /** The password of every user these tests create: long enough for the policy. */
  static final String PASSWORD = "e2e-password-1234";

  /** The built-in permissions, sorted as every permission list on the wire is. */
  static final List<String> BUILT_IN_PERMISSIONS = BuiltInPermissionNames.SORTED;

  /**
   * Rate limits far above what a test sends: a test that is refused 429 would prove nothing about
   * what it tests.
   */
  static final Map<String, String> GENEROUS_LIMITS =
      Map.of(
          "WARDEN_RATE_API_PER_MINUTE", "1000000",
          "WARDEN_RATE_AUTH_PER_15_MINUTES", "1000000");

  private static final Pattern JAVA_CLASS_NAME =
      Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*\\b");

  private final WardenClient client;
  private final String adminToken;
  private final AtomicInteger sequence = new AtomicInteger();

  WardenApi(WardenClient client) {
    this.client = client;
    this.adminToken = client.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD);
  }

  /** A user these tests created, with what it takes to log in. */
  record Account(String id, String email, String password) {}

  WardenClient client() {
    return client;
  }

  /** The system administrator's tenant-less token. */
  String adminToken() {
    return adminToken;
  }

  /** A name no other call of this instance returns, e.g. {@code acme-7}. */
  String unique(String prefix) {
    return prefix + "-" + sequence.incrementAndGet();
  }

  /** A new tenant (as the system administrator); its {@code Tenant} JSON. */
  JsonObject createTenant(String prefix) {
    String slug = unique(prefix);
    Response response =
        expect(
            client.post(
                "/api/admin/tenants", adminToken, json("slug", slug, "name", "Tenant " + slug)),
            201);
    return response.json();
  }

  /** A new, non-administrator user with {@link #PASSWORD}. */
  Account createUser(String prefix) {
    String email = unique(prefix) + "@e2e.test";
    return new Account(createUser(email, "User " + email).getString("id"), email, PASSWORD);
  }

  /**
   * A new, non-administrator user with {@link #PASSWORD}, created (201) by the system
   * administrator; its {@code User} JSON.
   */
  JsonObject createUser(String email, String displayName) {
    return expect(
            client.post(
                "/api/admin/users",
                adminToken,
                json("email", email, "password", PASSWORD, "displayName", displayName)),
            201)
        .json();
  }

  /** Makes {@code user} a member of {@code tenantId} holding the named roles; the member JSON. */
  JsonObject addMember(String tenantId, Account user, String... roles) {
    return expect(
            client.post(
                "/api/admin/tenants/" + tenantId + "/members",
                adminToken,
                json("userId", user.id(), "roles", List.of(roles))),
            201)
        .json();
  }

  /** A new user who is a member of {@code tenantId} only, holding the named roles. */
  Account member(String tenantId, String prefix, String... roles) {
    Account user = createUser(prefix);
    addMember(tenantId, user, roles);
    return user;
  }

  /** The system administrator's token scoped to {@code tenantId}. */
  String adminIn(String tenantId) {
    return client.select(adminToken, tenantId);
  }

  /** A successful login's {@code LoginResponse}. */
  JsonObject login(Account user) {
    return expect(client.login(user.email(), user.password()), 200).json();
  }

  /** The access token of a fresh login (tenant-scoped when the user has exactly one tenant). */
  String token(Account user) {
    return login(user).getString("accessToken");
  }

  /** The answer to a refresh of {@code refreshToken}, sent as a client sends it. */
  Response refresh(String refreshToken) {
    return refresh(client, refreshToken);
  }

  /** The same, sent to {@code client}'s instance (tests with several instances). */
  static Response refresh(WardenClient client, String refreshToken) {
    return client.post("/api/auth/refresh", null, json("refreshToken", refreshToken));
  }

  /** A new permission definition (as the system administrator). */
  void createPermission(String name) {
    expect(
        client.post(
            "/api/admin/permissions", adminToken, json("name", name, "description", "e2e " + name)),
        201);
  }

  /** A new role of the token's tenant; its {@code Role} JSON. */
  JsonObject createRole(String token, String name, String... permissions) {
    return expect(
            client.post(
                "/api/roles",
                token,
                json("name", name, "description", "e2e role", "permissions", List.of(permissions))),
            201)
        .json();
  }

  void assign(String token, String roleId, String userId) {
    expect(client.raw("POST", "/api/roles/" + roleId + "/users/" + userId, token, null, null), 204);
  }

  /** The id of the role named {@code name} in the token's tenant. */
  String roleId(String token, String name) {
    for (JsonValue role : expect(client.get("/api/roles", token), 200).jsonArray()) {
      if (role.asJsonObject().getString("name").equals(name)) {
        return role.asJsonObject().getString("id");
      }
    }
    throw new AssertionError("no role " + name);
  }

  /** Whether {@code userId} (the caller when null) holds {@code permission}, per the check API. */
  boolean check(String token, String permission, String userId) {
    String body =
        userId == null
            ? json("permission", permission)
            : json("permission", permission, "userId", userId);
    JsonObject answer = expect(client.post("/api/authz/check", token, body), 200).json();
    assertThat(answer.getString("permission")).isEqualTo(permission);
    if (userId != null) {
      assertThat(answer.getString("userId")).isEqualTo(userId);
    }
    return answer.getBoolean("allowed");
  }

  boolean check(String token, String permission) {
    return check(token, permission, null);
  }

  /**
   * The explain answer for whether {@code userId} (the caller when null) holds {@code permission};
   * fails unless it is a 200.
   */
  JsonObject explain(String token, String permission, String userId) {
    String user = userId == null ? "" : "&userId=" + userId;
    return expect(client.get("/api/authz/explain?permission=" + permission + user, token), 200)
        .json();
  }

  /** An empty-bodied POST, as logout and role assignment are sent. */
  Response postEmpty(String path, String token) {
    return client.raw("POST", path, token, null, null);
  }

  /** Fails with the whole answer unless it has {@code status}. */
  static Response expect(Response response, int status) {
    assertThat(response.status()).as("answer: %s", response).isEqualTo(status);
    return response;
  }

  /**
   * Asserts an RFC 9457 problem answer of {@code status}: the media type, the four members, and
   * nothing of the implementation (no stack trace, no Java class name).
   */
  static JsonObject assertProblem(Response response, int status) {
    expect(response, status);
    assertThat(response.contentType())
        .as("content type of %s", response)
        .startsWith("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getString("type", null)).as("type of %s", response).isNotBlank();
    assertThat(problem.getString("title", null)).as("title of %s", response).isNotBlank();
    assertThat(problem.getInt("status", -1)).as("status of %s", response).isEqualTo(status);
    assertThat(problem.getString("detail", null)).as("detail of %s", response).isNotBlank();
    assertRevealsNoInternals(response.body());
    return problem;
  }

  static void assertRevealsNoInternals(String body) {
    assertThat(body)
        .doesNotContain("Exception", "\tat ", "\n\tat", ".java:", "java.", "jakarta.", "io.warden")
        .doesNotContainPattern(JAVA_CLASS_NAME);
  }

  /** A JSON object from alternating names and values (strings, booleans, numbers, lists). */
  static String json(Object... namesAndValues) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.add((String) namesAndValues[i], value(namesAndValues[i + 1]));
    }
    return object.build().toString();
  }

  private static JsonValue value(Object value) {
    return switch (value) {
      case null -> JsonValue.NULL;
      case JsonValue json -> json;
      case String text -> Json.createValue(text);
      case Boolean flag -> flag ? JsonValue.TRUE : JsonValue.FALSE;
      case Integer number -> Json.createValue(number);
      case Long number -> Json.createValue(number);
      case Collection<?> items -> {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(item -> array.add(value(item)));
        yield array.build();
      }
      case Map<?, ?> fields -> {
        JsonObjectBuilder object = Json.createObjectBuilder();
        fields.forEach((name, item) -> object.add((String) name, value(item)));
        yield object.build();
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value);
    };
  }

  /** The strings of a JSON array. */
  static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  /** The {@code field} of every object in a JSON array. */
  static List<String> field(JsonArray array, String field) {
    return array.stream().map(v -> v.asJsonObject().getString(field)).toList();
  }

  /** The claims of a JWT, read without verifying it: what any client could read. */
  static JsonObject claims(String jwt) {
    return part(jwt, 1);
  }

  static JsonObject header(String jwt) {
    return part(jwt, 0);
  }

  private static JsonObject part(String jwt, int index) {
    String[] parts = jwt.split("\\.", -1);
    assertThat(parts).as("a JWT has three parts").hasSize(3);
    String text = new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8);
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
