package io.warden.benchmarks.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The few Warden calls the load driver makes, over one shared {@link HttpClient}. */
final class WardenClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI ping;
  private final URI login;
  private final URI check;
  private final URI checkBatch;
  private final URI stats;

  WardenClient(HttpClient http, URI baseUrl) {
    this.http = http;
    this.ping = baseUrl.resolve("ping");
    this.login = baseUrl.resolve("api/auth/login");
    this.check = baseUrl.resolve("api/authz/check");
    this.checkBatch = baseUrl.resolve("api/authz/check-batch");
    this.stats = baseUrl.resolve("api/performance/stats");
  }

  /**
   * The tenant-scoped access token of a demo user (each belongs to exactly one tenant, which login
   * then selects by itself).
   */
  String login(String email, String password) throws IOException, InterruptedException {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    HttpResponse<String> response = send(post(login, null, body));
    if (response.statusCode() != 200) {
      throw new IOException(
          "login of " + email + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonObject json = parse(response.body());
    if (json.isNull("tenant")) {
      throw new IOException(email + " got a token without a tenant: not a single-tenant user");
    }
    return json.getString("accessToken");
  }

  HttpResponse<String> ping() throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(ping).timeout(REQUEST_TIMEOUT).GET().build());
  }

  HttpResponse<String> check(String token, String permission)
      throws IOException, InterruptedException {
    return send(post(check, token, "{\"permission\":\"" + permission + "\"}"));
  }

  HttpResponse<String> checkBatch(String token, List<String> permissions)
      throws IOException, InterruptedException {
    String items =
        permissions.stream()
            .map(p -> "{\"permission\":\"" + p + "\"}")
            .collect(Collectors.joining(","));
    return send(post(checkBatch, token, "{\"checks\":[" + items + "]}"));
  }

  HttpResponse<String> stats(String token) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(stats)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static HttpRequest post(URI uri, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
