package io.warden.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.warden.application.service.ServiceSettings;
import io.warden.application.service.StreamLimits;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Warden's configuration: {@code application.yaml} defaults, overridden by an {@code
 * application.yaml} in the working directory, overridden by the environment variables of the
 * operating contract ({@code docs/operations.md}, the README's configuration table).
 */
public record WardenConfig(
    int port,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    Optional<String> dbAppUser,
    String dbAppPassword,
    int dbPoolSize,
    Path embeddedDataDir,
    Optional<String> redisUrl,
    Duration redisTimeout,
    String redisKeyPrefix,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    int demoTenants,
    int demoUsers,
    String demoPassword,
    int rateApiPerMinute,
    int rateAuthPer15Minutes,
    int rateCheckPerMinute,
    int rateMfaPer15Minutes,
    int rateUploadPerMinute,
    String trustedProxies,
    boolean cacheL1,
    boolean cacheL2,
    int l1MaxEntries,
    Duration cacheTtl,
    Duration stalenessBound,
    int warmBatchSize,
    int warmMaxTenantSize,
    Duration jwtTtl,
    String jwtIssuer,
    String jwtAudience,
    int jwtKeyRotationDays,
    Optional<String> keyEncryptionKey,
    Duration refreshTtl,
    Duration invitationTtl,
    Duration sessionMax,
    Duration sessionPurgeInterval,
    int loginHashPermits,
    int loginHashQueue,
    Duration loginHashMaxWait,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    ObservabilityConfig observability,
    Duration witnessMax,
    Duration shutdownGrace,
    Duration auditRetention,
    WebClientConfig web,
    int eventsMaxPerUser,
    int eventsMaxConnections,
    Duration eventsHeartbeat) {

  /**
   * Components never printed: a value whose name says it is a secret is shown as {@code ***}. New
   * secrets (keys, tokens) are covered by their names, and a test sets every variable of the
   * contract and checks that no secret value shows.
   */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|secret|credential|token|encryption).*");

  /** {@code scheme://user:password@host}: the user information of a URL. */
  private static final Pattern URL_USER_INFO = Pattern.compile("//[^@/?#]*@");

  /** {@code password=...} in a JDBC URL's query (PostgreSQL accepts credentials there). */
  private static final Pattern URL_PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;]password=)[^&;]*");

  public WardenConfig {
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException(
          "WARDEN_TLS_CERT and WARDEN_TLS_KEY must be set together (PEM certificate and key)");
    }
  }

  /** Whether the server speaks TLS. */
  public boolean tls() {
    return tlsCert.isPresent();
  }

  /**
   * Every setting, secrets masked: passwords and other secrets as {@code ***}, and the passwords
   * inside the database and Redis URLs removed. Safe to log.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("WardenConfig[");
    RecordComponent[] components = WardenConfig.class.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      Object value;
      try {
        value = component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (i > 0) {
        text.append(", ");
      }
      text.append(component.getName()).append('=').append(printable(component.getName(), value));
    }
    return text.append(']').toString();
  }

  private static String printable(String name, Object value) {
    if (SECRET_NAME.matcher(name).matches()) {
      boolean empty =
          value == null
              || value instanceof Optional<?> o && o.isEmpty()
              || value instanceof String t && t.isEmpty();
      return empty ? "(none)" : "***";
    }
    if (value instanceof Optional<?> optional) {
      return optional
          .map(v -> redactUrl(String.valueOf(v)))
          .map(v -> "Optional[" + v + "]")
          .orElse("Optional.empty");
    }
    return redactUrl(String.valueOf(value));
  }

  /** {@code url} without the password it may carry (user information or a query parameter). */
  static String redactUrl(String url) {
    String withoutUserInfo = URL_USER_INFO.matcher(url).replaceFirst("//***@");
    return URL_PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
  }

  /** Loads the configuration from the files and the process environment. */
  public static WardenConfig load() {
    return load(System.getenv());
  }

  /** Loads the configuration with {@code env} standing for the process environment. */
  public static WardenConfig load(Map<String, String> env) {
    var builder =
        Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource();
    Path local = Path.of("application.yaml");
    if (Files.isRegularFile(local)) {
      builder.addSource(ConfigSources.file(local));
    }
    builder.addSource(ConfigSources.classpath("application.yaml"));
    Config root = builder.build().get("warden");
    ConfigSource s = new ConfigSource(root, env);
    return new WardenConfig(
        s.integer("port", "WARDEN_PORT", 0, 65535),
        s.optional("db.url", "WARDEN_DB_URL"),
        s.text("db.user", "WARDEN_DB_USER"),
        s.text("db.password", "WARDEN_DB_PASSWORD"),
        s.optional("db.app-user", "WARDEN_DB_APP_USER"),
        s.text("db.app-password", "WARDEN_DB_APP_PASSWORD"),
        s.integer("db.pool-size", "WARDEN_DB_POOL_SIZE", 1, 1000),
        Path.of(s.text("db.embedded-data-dir", "WARDEN_EMBEDDED_DB_DIR")),
        s.optional("redis.url", "WARDEN_REDIS_URL"),
        s.millis("redis.timeout-ms", "WARDEN_REDIS_TIMEOUT_MS", 1, 60_000),
        s.text("redis.key-prefix", "WARDEN_REDIS_KEY_PREFIX"),
        s.optional("admin.email", "WARDEN_ADMIN_EMAIL"),
        s.optional("admin.password", "WARDEN_ADMIN_PASSWORD"),
        s.integer("demo.tenants", "WARDEN_DEMO_TENANTS", 0, 10_000),
        s.integer("demo.users", "WARDEN_DEMO_USERS", 0, 1_000_000),
        s.text("demo.password", "WARDEN_DEMO_PASSWORD"),
        s.integer("rate.api-per-minute", "WARDEN_RATE_API_PER_MINUTE", 0, Integer.MAX_VALUE),
        s.integer(
            "rate.auth-per-15-minutes", "WARDEN_RATE_AUTH_PER_15_MINUTES", 0, Integer.MAX_VALUE),
        s.integer("rate.check-per-minute", "WARDEN_RATE_CHECK_PER_MINUTE", 0, Integer.MAX_VALUE),
        s.integer(
            "rate.mfa-per-15-minutes", "WARDEN_RATE_MFA_PER_15_MINUTES", 0, Integer.MAX_VALUE),
        s.integer("rate.upload-per-minute", "WARDEN_RATE_UPLOAD_PER_MINUTE", 0, Integer.MAX_VALUE),
        s.text("rate.trusted-proxies", "WARDEN_TRUSTED_PROXIES").strip(),
        s.bool("cache.l1", "WARDEN_CACHE_L1"),
        s.bool("cache.l2", "WARDEN_CACHE_L2"),
        s.integer("cache.l1-max-entries", "WARDEN_CACHE_L1_MAX_ENTRIES", 1, Integer.MAX_VALUE),
        s.seconds("cache.ttl-seconds", "WARDEN_CACHE_TTL_SECONDS", 1, 86_400),
        s.millis("cache.staleness-bound-ms", "WARDEN_CACHE_STALENESS_BOUND_MS", 1, 600_000),
        s.integer("cache.warm-batch-size", "WARDEN_CACHE_WARM_BATCH_SIZE", 1, 10_000),
        s.integer(
            "cache.warm-max-tenant-size",
            "WARDEN_CACHE_WARM_MAX_TENANT_SIZE",
            0,
            Integer.MAX_VALUE),
        s.seconds("jwt.ttl-seconds", "WARDEN_JWT_TTL_SECONDS", 10, 86_400),
        s.text("jwt.issuer", "WARDEN_JWT_ISSUER"),
        s.text("jwt.audience", "WARDEN_JWT_AUDIENCE"),
        s.integer("jwt.key-rotation-days", "WARDEN_JWT_KEY_ROTATION_DAYS", 1, 3650),
        s.optional("jwt.key-encryption-key", "WARDEN_KEY_ENCRYPTION_KEY"),
        s.seconds("jwt.refresh-ttl-seconds", "WARDEN_REFRESH_TTL_SECONDS", 60, 31_536_000),
        s.seconds("invitation.ttl-seconds", "WARDEN_INVITATION_TTL_SECONDS", 60, 31_536_000),
        s.seconds("session.max-seconds", "WARDEN_SESSION_MAX_SECONDS", 60, 31_536_000),
        s.seconds(
            "session.purge-interval-seconds", "WARDEN_SESSION_PURGE_INTERVAL_SECONDS", 1, 86_400),
        loginHashPermits(s),
        loginHashQueue(s),
        s.millis("login.hash-max-wait-ms", "WARDEN_LOGIN_HASH_MAX_WAIT_MS", 0, 60_000),
        s.optional("tls.cert", "WARDEN_TLS_CERT").map(Path::of),
        s.optional("tls.key", "WARDEN_TLS_KEY").map(Path::of),
        new ObservabilityConfig(
            s.bool("metrics.enabled", "WARDEN_METRICS"),
            s.optional("management.port", "WARDEN_MANAGEMENT_PORT")
                .map(v -> s.integer("management.port", "WARDEN_MANAGEMENT_PORT", 0, 65535)),
            s.text("log.format", "WARDEN_LOG_FORMAT").strip().toLowerCase(java.util.Locale.ROOT),
            s.bool("log.access", "WARDEN_ACCESS_LOG")),
        s.millis("cache.witness-max-ms", "WARDEN_CACHE_WITNESS_MAX_MS", 0, 3_600_000),
        s.seconds("shutdown.grace-seconds", "WARDEN_SHUTDOWN_GRACE_SECONDS", 1, 3600),
        s.days("audit.retention-days", "WARDEN_AUDIT_RETENTION_DAYS", 1, 36_500),
        new WebClientConfig(
            WebClientConfig.parseOrigins(
                s.text(WebClientConfig.ORIGINS_KEY, WebClientConfig.ORIGINS_VARIABLE)),
            s.seconds("cors.max-age-seconds", "WARDEN_CORS_MAX_AGE_SECONDS", 0, 86_400),
            s.millis("min-revision.wait-ms", "WARDEN_MIN_REVISION_WAIT_MS", 0, 10_000)),
        s.integer("events.max-per-user", "WARDEN_EVENTS_MAX_PER_USER", 1, 1_000_000),
        s.integer("events.max-connections", "WARDEN_EVENTS_MAX_CONNECTIONS", 1, 1_000_000),
        s.millis("events.heartbeat-ms", "WARDEN_EVENTS_HEARTBEAT_MS", 10, 3_600_000));
  }

  /** Password hashes computed at once: one per core unless set. */
  private static int loginHashPermits(ConfigSource s) {
    if (s.optional("login.hash-permits", "WARDEN_LOGIN_HASH_PERMITS").isEmpty()) {
      return Runtime.getRuntime().availableProcessors();
    }
    return s.integer("login.hash-permits", "WARDEN_LOGIN_HASH_PERMITS", 1, 1024);
  }

  /** Logins that may wait for a hashing permit: four per permit unless set. */
  private static int loginHashQueue(ConfigSource s) {
    if (s.optional("login.hash-queue", "WARDEN_LOGIN_HASH_QUEUE").isEmpty()) {
      return 4 * loginHashPermits(s);
    }
    return s.integer("login.hash-queue", "WARDEN_LOGIN_HASH_QUEUE", 0, 100_000);
  }

  /** The numbers the use cases are assembled with. */
  ServiceSettings serviceSettings() {
    return new ServiceSettings(jwtTtl, refreshTtl, warmBatchSize, sessionMax, invitationTtl);
  }

  /** The caps on the permission event streams of this instance. */
  StreamLimits streamLimits() {
    return new StreamLimits(eventsMaxPerUser, eventsMaxConnections);
  }
}
