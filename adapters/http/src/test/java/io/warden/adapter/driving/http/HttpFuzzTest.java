package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helidon.webserver.WebServer;
import io.warden.domain.model.permission.PermissionName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzz tests (Jazzer) of what an attacker controls: request bodies for the JSON body reader behind
 * every endpoint, the {@code Authorization} header for the bearer-token path, and permission names
 * for their grammar. The invariant is the contract's: never a 500, every error a problem+json, no
 * hang (each request has a timeout, each fuzz test a duration). The default test command runs them
 * in regression mode on the committed seed corpus ({@code
 * src/test/resources/.../HttpFuzzTestInputs}); {@code JAZZER_FUZZ=1} fuzzes (README "Fuzzing").
 */
class HttpFuzzTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final WebServer SERVER =
      WebServer.builder()
          .port(0)
          .update(WardenHttp::configure)
          .routing(routing -> WardenHttp.routing(routing, WORLD.useCases()))
          .build()
          .start();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String BASE = "http://127.0.0.1:" + SERVER.port();

  /**
   * The permission-name grammar of docs/api.md, as a regular expression: the reference of the
   * hand-written check.
   */
  private static final Pattern PERMISSION_GRAMMAR =
      Pattern.compile("^[a-z][a-z0-9_]*([.:][a-z0-9_*]+)*$");

  private static final List<String> JSON_ENDPOINTS =
      List.of(
          "POST /api/auth/login",
          "POST /api/auth/refresh",
          "POST /api/auth/select-tenant",
          "POST /api/authz/check",
          "POST /api/authz/check-batch",
          "POST /api/authz/permissions/batch",
          "POST /api/roles",
          "PUT /api/roles/{role}",
          "POST /api/roles/{role}/users/{user}",
          "POST /api/members",
          "POST /api/admin/tenants",
          "POST /api/admin/tenants/{tenant}/members",
          "PATCH /api/admin/tenants/{tenant}",
          "POST /api/admin/users",
          "PATCH /api/admin/users/{user}",
          "POST /api/admin/permissions");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=iso-8859-1",
          "text/plain",
          "application/problem+json");

  @FuzzTest(maxDuration = "5m")
  void no_request_body_makes_any_json_endpoint_fail_with_a_500(FuzzedDataProvider data) {
    String[] endpoint = data.pickValue(JSON_ENDPOINTS).split(" ");
    String path =
        endpoint[1]
            .replace("{role}", WORLD.acmeViewer.id().toString())
            .replace("{user}", WORLD.acmeMember.id().toString())
            .replace("{tenant}", WORLD.acme.id().toString());
    String token = data.pickValue(List.of("", WORLD.acmeAdminToken, WORLD.rootToken));
    String contentType = data.pickValue(CONTENT_TYPES);
    byte[] body = data.consumeRemainingAsBytes();

    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(BASE + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .method(endpoint[0], BodyPublishers.ofByteArray(body));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    assertAnswered(send(request.build()));
  }

  @FuzzTest(maxDuration = "5m")
  void no_authorization_header_is_anything_but_a_401(byte[] input) {
    String header = new String(input, StandardCharsets.ISO_8859_1);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(BASE + "/api/me"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", header)
              .build();
    } catch (IllegalArgumentException notSendable) {
      return; // the client refuses to send such a header at all (control characters and the like)
    }
    HttpResponse<String> response = send(request);
    assertAnswered(response);
    assertThat(response.statusCode()).as("answer to %s", header).isEqualTo(401);
  }

  @FuzzTest(maxDuration = "5m")
  void the_hand_written_permission_grammar_agrees_with_the_contracts_expression(byte[] input) {
    String name = new String(input, StandardCharsets.UTF_8);
    boolean expected =
        name.length() <= PermissionName.MAX_LENGTH && PERMISSION_GRAMMAR.matcher(name).matches();

    assertThat(PermissionName.isWellFormed(name)).as("isWellFormed(%s)", name).isEqualTo(expected);
    if (expected) {
      assertThat(new PermissionName(name).value()).isEqualTo(name);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("no answer (connection dropped or timed out): " + request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Never a 5xx; every error is problem+json. */
  private static void assertAnswered(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isBetween(200, 499);
    if (response.statusCode() >= 400) {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith(ProblemResponses.PROBLEM_JSON);
    }
  }
}
