package io.warden.adapter.driven.redis.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where integration tests find Redis.
 *
 * <ol>
 *   <li>Where a Docker engine is available ({@code DOCKER_HOST} or {@code /var/run/docker.sock}): a
 *       Testcontainers {@code redis:7.2-alpine}, started once per JVM.
 *   <li>Otherwise the local server at {@code WARDEN_TEST_REDIS_HOST} (default {@code 127.0.0.1})
 *       and {@code WARDEN_TEST_REDIS_PORT} (default {@code 6379}).
 * </ol>
 *
 * <p>If neither answers {@code PING}, a test calling {@link #uri()} is <b>skipped</b> (a JUnit
 * assumption), except when the environment says {@code CI=true}: then it <b>fails</b>, so a CI run
 * can never pass by silently skipping everything.
 *
 * <p>The server may be shared with other test runs: tests stay isolated by using their own key
 * prefix ({@link #uniquePrefix()}), never by flushing the database.
 */
public final class TestRedis {
  private static volatile Endpoint endpoint;

  private TestRedis() {}

  /** {@code redis://host:port} of a reachable Redis; skips (or fails on CI) when there is none. */
  public static String uri() {
    Endpoint found = endpoint();
    if (found.failure() != null) {
      unavailable(found.failure());
    }
    return "redis://" + found.host() + ":" + found.port();
  }

  public static String host() {
    uri();
    return endpoint.host();
  }

  public static int port() {
    uri();
    return endpoint.port();
  }

  /** A key prefix no other test uses, e.g. {@code t3f9a0c1d2b4e}. */
  public static String uniquePrefix() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return "t" + HexFormat.of().formatHex(random);
  }

  /** Skips the calling test, or fails it when {@code CI=true}. */
  static void unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(reason + " (CI=true: integration tests must not be skipped)");
    }
    Assumptions.abort(reason);
  }

  private static synchronized Endpoint endpoint() {
    if (endpoint == null) {
      endpoint = locate();
    }
    return endpoint;
  }

  private static Endpoint locate() {
    boolean dockerConfigured =
        System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    if (dockerConfigured) {
      try {
        Endpoint container = Container.start();
        if (container != null) {
          return container;
        }
      } catch (RuntimeException | LinkageError e) {
        // No usable engine after all (or Testcontainers not on this classpath): use the local one.
      }
    }
    String host = env("WARDEN_TEST_REDIS_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("WARDEN_TEST_REDIS_PORT", "6379"));
    try {
      Object pong = Resp.command(host, port, 1000, "PING");
      if ("PONG".equals(pong)) {
        return new Endpoint(host, port, null);
      }
      return new Endpoint(host, port, "Redis at " + host + ":" + port + " answered " + pong);
    } catch (java.io.IOException e) {
      return new Endpoint(
          host,
          port,
          "no Docker engine and no Redis at "
              + host
              + ":"
              + port
              + " (set WARDEN_TEST_REDIS_HOST/PORT): "
              + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private record Endpoint(String host, int port, String failure) {}

  /** Kept apart so Testcontainers classes load only where a Docker engine is configured. */
  private static final class Container {
    private static Endpoint start() {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return null;
      }
      GenericContainer<?> redis =
          new GenericContainer<>(DockerImageName.parse("redis:7.2-alpine")).withExposedPorts(6379);
      redis.start();
      return new Endpoint(redis.getHost(), redis.getMappedPort(6379), null);
    }
  }
}
