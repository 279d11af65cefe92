package io.warden.benchmarks.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The Warden calls the harnesses make, over one {@link HttpClient} (HTTP/1.1, keep-alive). It
 * refuses any base URL that is not a loopback address: every harness sends its load to this machine
 * only. Failures are unchecked: a harness that cannot set itself up has nothing to measure.
 */
public final class WardenApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;

  /** A status and a body. */
  public record Response(int status, String body) {
    public JsonObject json() {
      return parse(body).asJsonObject();
    }

    public JsonArray jsonArray() {
      return parse(body).asJsonArray();
    }
  }

  public WardenApi(String baseUrl) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), baseUrl);
  }

  public WardenApi(HttpClient http, String baseUrl) {
    this.http = http;
    URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    requireLoopback(uri);
    this.base = uri;
  }

  /** Throws unless {@code uri}'s host resolves to a loopback address. */
  public static void requireLoopback(URI uri) {
    try {
      if (uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("only a loopback base URL is accepted: " + uri);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot resolve " + uri, e);
    }
  }

  public URI base() {
    return base;
  }

  /** One request; {@code json} may be null (no body), {@code token} may be null (anonymous). */
  public Response call(String method, String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(TIMEOUT)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@link #call}, and fails unless the status is {@code expected}. */
  public Response expect(int expected, String method, String path, String token, String json) {
    Response response = call(method, path, token, json);
    if (response.status() != expected) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " answered "
              + response.status()
              + " (expected "
              + expected
              + "): "
              + response.body());
    }
    return response;
  }

  /** The login answer (access token, and the tenant when exactly one was selected). */
  public JsonObject login(String email, String password) {
    return expect(
            200,
            "POST",
            "/api/auth/login",
            null,
            Json.createObjectBuilder()
                .add("email", email)
                .add("password", password)
                .build()
                .toString())
        .json();
  }

  /** A token scoped to {@code tenantId}. */
  public String selectTenant(String token, String tenantId) {
    return expect(
            200,
            "POST",
            "/api/auth/select-tenant",
            token,
            Json.createObjectBuilder().add("tenantId", tenantId).build().toString())
        .json()
        .getString("accessToken");
  }

  /** Every tenant the token's user may select (for a system administrator: the active ones). */
  public List<JsonObject> tenants(String token) {
    return expect(200, "GET", "/api/auth/tenants", token, null).jsonArray().stream()
        .map(v -> v.asJsonObject())
        .toList();
  }

  /** Creates a tenant (system administrator); its id. */
  public String createTenant(String token, String slug) {
    return expect(
            201,
            "POST",
            "/api/admin/tenants",
            token,
            Json.createObjectBuilder().add("slug", slug).add("name", slug).build().toString())
        .json()
        .getString("id");
  }

  /** Creates a user (system administrator); its id. */
  public String createUser(String token, String email, String password) {
    return expect(
            201,
            "POST",
            "/api/admin/users",
            token,
            Json.createObjectBuilder()
                .add("email", email)
                .add("password", password)
                .add("displayName", email)
                .build()
                .toString())
        .json()
        .getString("id");
  }

  /** Makes the user a member of the tenant (system administrator), with the named roles. */
  public void addMember(String token, String tenantId, String userId, Collection<String> roles) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    roles.forEach(names::add);
    expect(
        201,
        "POST",
        "/api/admin/tenants/" + tenantId + "/members",
        token,
        Json.createObjectBuilder().add("userId", userId).add("roles", names).build().toString());
  }

  /** Creates a role in the token's tenant; its id. */
  public String createRole(String tenantToken, String name, Collection<String> permissions) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    permissions.forEach(names::add);
    return expect(
            201,
            "POST",
            "/api/roles",
            tenantToken,
            Json.createObjectBuilder()
                .add("name", name)
                .add("permissions", names)
                .build()
                .toString())
        .json()
        .getString("id");
  }

  /** The roles of the token's tenant. */
  public List<JsonObject> roles(String tenantToken) {
    return expect(200, "GET", "/api/roles", tenantToken, null).jsonArray().stream()
        .map(v -> v.asJsonObject())
        .toList();
  }

  /** Defines a permission (system administrator); a 409 (already defined) is fine. */
  public void definePermission(String token, String name) {
    Response response =
        call(
            "POST",
            "/api/admin/permissions",
            token,
            Json.createObjectBuilder()
                .add("name", name)
                .add("description", "benchmark")
                .build()
                .toString());
    if (response.status() != 201 && response.status() != 409) {
      throw new IllegalStateException("defining " + name + ": " + response);
    }
  }

  public void assign(String tenantToken, String roleId, String userId) {
    expect(204, "POST", "/api/roles/" + roleId + "/users/" + userId, tenantToken, null);
  }

  public void unassign(String tenantToken, String roleId, String userId) {
    expect(204, "DELETE", "/api/roles/" + roleId + "/users/" + userId, tenantToken, null);
  }

  /** {@code POST /api/authz/check} for another user (needs {@code authz.check}). */
  public boolean check(String tenantToken, String userId, String permission) {
    JsonObject answer =
        expect(200, "POST", "/api/authz/check", tenantToken, checkBody(userId, permission)).json();
    return answer.getBoolean("allowed");
  }

  /** The body of a check for {@code userId} (the caller itself when null). */
  public static String checkBody(String userId, String permission) {
    var body = Json.createObjectBuilder().add("permission", permission);
    if (userId != null) {
      body.add("userId", userId);
    }
    return body.build().toString();
  }

  /** {@code POST /api/authz/permissions/batch}: user id to its permission names. */
  public Response permissionsBatch(String tenantToken, Collection<String> userIds) {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    userIds.forEach(ids::add);
    return call(
        "POST",
        "/api/authz/permissions/batch",
        tenantToken,
        Json.createObjectBuilder().add("userIds", ids).build().toString());
  }

  public static JsonStructure parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.read();
    }
  }
}
