package io.warden.bootstrap.testing;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.bootstrap.Warden;
import io.warden.bootstrap.WardenConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Warden started on a free port. Several instances built from the same {@link Shared} (one
 * fresh PostgreSQL database, one Redis key prefix) form one logical service, as in production.
 */
public final class WardenInstance implements AutoCloseable {
  private final Warden warden;
  private final WardenClient client;

  private WardenInstance(Warden warden) {
    this.warden = warden;
    this.client = new WardenClient("http://127.0.0.1:" + warden.port());
  }

  /** What instances of one logical service share: a database and a Redis namespace. */
  public record Shared(TestPostgres.Database database, String redisUri, String redisPrefix) {

    /** A fresh database and Redis namespace; skips (or fails when CI=true) without servers. */
    public static Shared fresh() {
      return new Shared(TestPostgres.freshDatabase(), TestRedis.uri(), TestRedis.uniquePrefix());
    }

    /** The environment of an instance; {@code overrides} win. */
    public Map<String, String> environment(Map<String, String> overrides) {
      Map<String, String> env = new HashMap<>();
      env.put("WARDEN_PORT", "0");
      env.put("WARDEN_DB_URL", database.jdbcUrl());
      env.put("WARDEN_DB_USER", database.user());
      env.put("WARDEN_DB_PASSWORD", database.password());
      env.put("WARDEN_DB_POOL_SIZE", "8");
      env.put("WARDEN_REDIS_URL", redisUri);
      env.put("WARDEN_REDIS_KEY_PREFIX", redisPrefix);
      env.put("WARDEN_ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("WARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("WARDEN_CACHE_WARM_MAX_TENANT_SIZE", "0");
      env.put("WARDEN_KEY_ENCRYPTION_KEY", KEY_ENCRYPTION_KEY);
      // Rate limits far above what a test sends (a 429 would prove nothing about what it tests);
      // the rate-limit tests set their own.
      for (String variable : GENEROUS_LIMITS) {
        env.put(variable, "100000000");
      }
      env.putAll(overrides);
      return env;
    }
  }

  /** Every rate-limit variable: set far above what tests send unless a test overrides it. */
  public static final java.util.List<String> GENEROUS_LIMITS =
      java.util.List.of(
          "WARDEN_RATE_API_PER_MINUTE",
          "WARDEN_RATE_AUTH_PER_15_MINUTES",
          "WARDEN_RATE_CHECK_PER_MINUTE",
          "WARDEN_RATE_MFA_PER_15_MINUTES",
          "WARDEN_RATE_UPLOAD_PER_MINUTE");

  public static final String ADMIN_EMAIL = "admin@warden.test";
  public static final String ADMIN_PASSWORD = "admin-password-123";

  /**
   * The key-encryption key of every test instance (32 bytes, Base64): instances of one logical
   * service must share it, as in production.
   */
  public static final String KEY_ENCRYPTION_KEY = "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgb2YgMzIgYi4=";

  public static WardenInstance start(Shared shared) {
    return start(shared, Map.of(), Clock.systemUTC());
  }

  public static WardenInstance start(Shared shared, Map<String, String> overrides) {
    return start(shared, overrides, Clock.systemUTC());
  }

  public static WardenInstance start(Shared shared, Map<String, String> overrides, Clock clock) {
    return new WardenInstance(
        Warden.start(WardenConfig.load(shared.environment(overrides)), clock));
  }

  public WardenClient client() {
    return client;
  }

  public Warden warden() {
    return warden;
  }

  public Warden.Components components() {
    return warden.components();
  }

  @Override
  public void close() {
    warden.close();
  }
}
