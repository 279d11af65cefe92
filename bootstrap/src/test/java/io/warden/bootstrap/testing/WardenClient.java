package io.warden.bootstrap.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for black-box tests: JSON in, status + headers + parsed JSON out. */
public final class WardenClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public WardenClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** One answer: status, content type and body (parsed when it is JSON). */
  public record Response(int status, HttpResponse<String> raw) {
    public String body() {
      return raw.body();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    public String contentType() {
      return header("content-type").orElse("");
    }

    public JsonObject json() {
      return (JsonObject) parse();
    }

    public JsonArray jsonArray() {
      return (JsonArray) parse();
    }

    private JsonStructure parse() {
      try (var reader = Json.createReader(new StringReader(raw.body()))) {
        return reader.read();
      }
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public Response post(String path, String token, String json) {
    return send(withBody(request(path, token), "POST", json));
  }

  public Response put(String path, String token, String json) {
    return send(withBody(request(path, token), "PUT", json));
  }

  public Response patch(String path, String token, String json) {
    return send(withBody(request(path, token), "PATCH", json));
  }

  /** Any method, raw body and content type, for bad-input tests. */
  public Response raw(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder builder = request(path, token);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(builder);
  }

  /**
   * Any method with a JSON body (none when null) and extra headers, such as the {@code
   * X-Request-Id} a test follows into the audit trail.
   */
  public Response send(
      String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path, token);
    headers.forEach(builder::header);
    if (json == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      withBody(builder, method, json);
    }
    return send(builder);
  }

  /** Logs in and returns the whole answer. */
  public Response login(String email, String password) {
    return post(
        "/api/auth/login",
        null,
        Json.createObjectBuilder()
            .add("email", email)
            .add("password", password)
            .build()
            .toString());
  }

  /** Logs in and returns the access token; fails unless the login succeeds. */
  public String token(String email, String password) {
    Response response = login(email, password);
    if (response.status() != 200) {
      throw new AssertionError("login of " + email + " failed: " + response);
    }
    return response.json().getString("accessToken");
  }

  /** A token scoped to {@code tenantId}; fails unless the selection succeeds. */
  public String select(String token, String tenantId) {
    Response response =
        post("/api/auth/select-tenant", token, "{\"tenantId\":\"" + tenantId + "\"}");
    if (response.status() != 200) {
      throw new AssertionError("select-tenant failed: " + response);
    }
    return response.json().getString("accessToken");
  }

  public static String string(JsonValue value) {
    return ((jakarta.json.JsonString) value).getString();
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static HttpRequest.Builder withBody(
      HttpRequest.Builder builder, String method, String json) {
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
