package io.warden.adapter.driving.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/** A plain JDK HTTP client for the tests, so requests are exactly what a test says they are. */
final class ApiClient {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  Reply get(String path, String token) {
    return send(request("GET", path, token, null, BodyPublishers.noBody()));
  }

  Reply delete(String path, String token) {
    return send(request("DELETE", path, token, null, BodyPublishers.noBody()));
  }

  /** A JSON request; {@code body} null sends none. */
  Reply json(String method, String path, String token, String body) {
    return body == null
        ? send(request(method, path, token, null, BodyPublishers.noBody()))
        : send(request(method, path, token, "application/json", BodyPublishers.ofString(body)));
  }

  Reply send(String method, String path, String token, String contentType, BodyPublisher body) {
    return send(request(method, path, token, contentType, body));
  }

  /** A request to {@code path} of the server, for a test that sets the headers itself. */
  HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
  }

  /** {@code token} is the whole Authorization value when it starts with a scheme-like word. */
  HttpRequest request(
      String method, String path, String token, String contentType, BodyPublisher body) {
    HttpRequest.Builder builder = to(path).method(method, body);
    if (token != null) {
      builder.header(
          "Authorization", token.startsWith("raw:") ? token.substring(4) : "Bearer " + token);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return builder.build();
  }

  Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response as the test sees it. */
  record Reply(int status, HttpHeaders headers, String body) {

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    String contentType() {
      return header("Content-Type").orElse("");
    }

    JsonObject object() {
      return (JsonObject) parse();
    }

    JsonArray array() {
      return (JsonArray) parse();
    }

    private JsonStructure parse() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.read();
      }
    }

    @Override
    public String toString() {
      return status + " " + headers.map() + " " + body;
    }
  }
}
