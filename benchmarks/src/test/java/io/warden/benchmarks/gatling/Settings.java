package io.warden.benchmarks.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * What every simulation reads from system properties ({@code -Dwarden.url=...}), and the two
 * requests they send. Only a loopback {@code warden.url} is accepted.
 */
final class Settings {
  private Settings() {}

  static String string(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static double number(String name, double fallback) {
    return Double.parseDouble(string(name, Double.toString(fallback)));
  }

  static int integer(String name, int fallback) {
    return Integer.parseInt(string(name, Integer.toString(fallback)));
  }

  static String baseUrl() {
    String url = string("warden.url", "http://127.0.0.1:8080");
    try {
      String host = URI.create(url).getHost();
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("warden.url must be a loopback address: " + url);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve " + url, e);
    }
    return url;
  }

  /**
   * Keep-alive connections shared by every virtual user, as a service's client pool would. Gatling
   * warms its HTTP engine with one request before the load; by default to an address outside this
   * machine, which here would only hang until it timed out (and must not be sent): it warms up on
   * Warden's own {@code /ping} instead.
   */
  static HttpProtocolBuilder protocol() {
    return http.baseUrl(baseUrl())
        .warmUp(baseUrl() + "/ping")
        .shareConnections()
        .acceptHeader("*/*")
        .disableCaching();
  }

  /** {@code GET /ping}: bare HTTP, no dependency. */
  static ChainBuilder ping(Function<Session, String> name) {
    return exec(http(name).get("/ping").check(status().is(200)));
  }

  /**
   * {@code POST /api/authz/check} for the next row of the feeder ({@code
   * token,permission,userId,expected}, written by {@code io.warden.benchmarks.http.Feeder}); a
   * wrong answer counts as a failure (KO), not as throughput.
   */
  static ChainBuilder check() {
    return check(session -> "check");
  }

  static ChainBuilder check(Function<Session, String> name) {
    String feeder = string("warden.feeder", null);
    if (feeder == null) {
      throw new IllegalArgumentException("-Dwarden.feeder=<csv> is needed for checks");
    }
    return feed(csv(feeder).circular())
        .exec(
            http(name)
                .post("/api/authz/check")
                .header("Authorization", "Bearer #{token}")
                .header("Content-Type", "application/json")
                .body(StringBody("{\"permission\":\"#{permission}\",\"userId\":\"#{userId}\"}"))
                .check(status().is(200), jsonPath("$.allowed").isEL("#{expected}")));
  }

  /** The request of {@code target}, named by {@code name} (so a warm-up can be told apart). */
  static ChainBuilder request(String target, Function<Session, String> name) {
    return switch (target) {
      case "ping" -> ping(name);
      case "check" -> check(name);
      default -> throw new IllegalArgumentException("warden.target must be ping or check");
    };
  }
}
