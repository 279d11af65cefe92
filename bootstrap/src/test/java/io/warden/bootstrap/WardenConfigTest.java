package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.postgres.PostgresSettings;
import io.warden.adapter.driven.redis.RedisL2Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration records print every setting but never a secret. */
class WardenConfigTest {
  private static final String DB_PASSWORD = "db-secret-4711";
  private static final String URL_PASSWORD = "url-secret-0815";
  private static final String REDIS_PASSWORD = "redis-secret-1234";
  private static final String ADMIN_PASSWORD = "admin-secret-5678";
  private static final String DEMO_PASSWORD = "demo-secret-9012";
  private static final String APP_PASSWORD = "app-secret-3141";

  private static Map<String, String> everySecretSet() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_PORT", "8443");
    env.put(
        "WARDEN_DB_URL",
        "jdbc:postgresql://db.internal:5432/warden?user=warden&password="
            + URL_PASSWORD
            + "&ssl=true");
    env.put("WARDEN_DB_USER", "warden");
    env.put("WARDEN_DB_PASSWORD", DB_PASSWORD);
    env.put("WARDEN_DB_APP_USER", "warden_pool");
    env.put("WARDEN_DB_APP_PASSWORD", APP_PASSWORD);
    env.put("WARDEN_REDIS_URL", "redis://default:" + REDIS_PASSWORD + "@cache.internal:6379/0");
    env.put("WARDEN_ADMIN_EMAIL", "root@example.com");
    env.put("WARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("WARDEN_DEMO_PASSWORD", DEMO_PASSWORD);
    env.put("WARDEN_TLS_CERT", "/etc/warden/cert.pem");
    env.put("WARDEN_TLS_KEY", "/etc/warden/key.pem");
    return env;
  }

  @Test
  void to_string_shows_the_settings_and_masks_every_secret() {
    WardenConfig config = WardenConfig.load(everySecretSet());

    String printed = config.toString();

    for (String secret :
        List.of(
            DB_PASSWORD,
            URL_PASSWORD,
            REDIS_PASSWORD,
            ADMIN_PASSWORD,
            DEMO_PASSWORD,
            APP_PASSWORD)) {
      assertThat(printed).doesNotContain(secret);
    }
    assertThat(printed)
        .contains("port=8443", "dbUser=warden", "db.internal:5432", "cache.internal:6379")
        .contains("adminEmail=Optional[root@example.com]", "dbPassword=***", "demoPassword=***")
        .contains("dbAppUser=Optional[warden_pool]", "dbAppPassword=***")
        .contains("tlsCert=Optional[/etc/warden/cert.pem]");
    // The record's own fields still hold the values: only their printing is masked.
    assertThat(config.dbPassword()).isEqualTo(DB_PASSWORD);
    assertThat(config.tls()).isTrue();
  }

  @Test
  void an_unset_secret_says_so_without_a_value() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_DB_PASSWORD", "");

    String printed = WardenConfig.load(env).toString();

    assertThat(printed).contains("dbPassword=(none)", "adminPassword=(none)");
  }

  @Test
  void the_adapter_settings_records_never_print_their_secrets_either() {
    PostgresSettings postgres =
        new PostgresSettings(
            "jdbc:postgresql://db:5432/w?password=" + URL_PASSWORD, "warden", DB_PASSWORD, 4);
    RedisL2Settings redis =
        RedisL2Settings.defaults("rediss://user:" + REDIS_PASSWORD + "@cache:6380");

    assertThat(postgres.toString()).doesNotContain(URL_PASSWORD, DB_PASSWORD).contains("db:5432");
    assertThat(redis.toString()).doesNotContain(REDIS_PASSWORD).contains("cache:6380");
  }

  @Test
  void tls_needs_both_the_certificate_and_the_key() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_TLS_CERT", "/etc/warden/cert.pem");

    assertThatThrownBy(() -> WardenConfig.load(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WARDEN_TLS_CERT and WARDEN_TLS_KEY");
    assertThat(WardenConfig.load(Map.of()).tls()).isFalse();
    assertThat(WardenConfig.load(Map.of()).tlsCert()).isEmpty();
    assertThat(Path.of("/etc/warden/key.pem"))
        .isEqualTo(WardenConfig.load(everySecretSet()).tlsKey().orElseThrow());
  }

  @Test
  void invitations_last_a_week_unless_configured() {
    assertThat(WardenConfig.load(Map.of()).invitationTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(WardenConfig.load(Map.of("WARDEN_INVITATION_TTL_SECONDS", "3600")).invitationTtl())
        .isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_INVITATION_TTL_SECONDS", "0")))
        .hasMessageContaining("WARDEN_INVITATION_TTL_SECONDS");
  }

  @Test
  void observability_settings_default_and_are_checked() {
    ObservabilityConfig defaults = WardenConfig.load(Map.of()).observability();
    assertThat(defaults.metrics()).isTrue();
    assertThat(defaults.managementPort()).isEmpty();
    assertThat(defaults.jsonLogs()).isFalse();
    assertThat(defaults.accessLog()).isFalse();

    ObservabilityConfig set =
        WardenConfig.load(
                Map.of(
                    "WARDEN_METRICS", "false",
                    "WARDEN_MANAGEMENT_PORT", "9090",
                    "WARDEN_LOG_FORMAT", "JSON",
                    "WARDEN_ACCESS_LOG", "true"))
            .observability();
    assertThat(set.metrics()).isFalse();
    assertThat(set.managementPort()).contains(9090);
    assertThat(set.jsonLogs()).isTrue();
    assertThat(set.accessLog()).isTrue();

    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_LOG_FORMAT", "xml")))
        .hasMessageContaining("WARDEN_LOG_FORMAT");
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_MANAGEMENT_PORT", "70000")))
        .hasMessageContaining("WARDEN_MANAGEMENT_PORT");
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_METRICS", "maybe")))
        .hasMessageContaining("WARDEN_METRICS");
  }

  @Test
  void session_lifetime_and_purge_interval_default_and_are_checked() {
    WardenConfig defaults = WardenConfig.load(Map.of());
    assertThat(defaults.sessionMax()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.sessionPurgeInterval()).isEqualTo(Duration.ofHours(1));

    WardenConfig set =
        WardenConfig.load(
            Map.of(
                "WARDEN_SESSION_MAX_SECONDS", "3600",
                "WARDEN_SESSION_PURGE_INTERVAL_SECONDS", "60"));
    assertThat(set.sessionMax()).isEqualTo(Duration.ofHours(1));
    assertThat(set.sessionPurgeInterval()).isEqualTo(Duration.ofMinutes(1));

    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_SESSION_MAX_SECONDS", "59")))
        .hasMessageContaining("WARDEN_SESSION_MAX_SECONDS");
    assertThatThrownBy(
            () -> WardenConfig.load(Map.of("WARDEN_SESSION_PURGE_INTERVAL_SECONDS", "0")))
        .hasMessageContaining("WARDEN_SESSION_PURGE_INTERVAL_SECONDS");
  }

  @Test
  void every_duration_is_read_in_the_unit_its_name_ends_in() {
    WardenConfig set =
        WardenConfig.load(
            Map.of(
                "WARDEN_REDIS_TIMEOUT_MS", "1500",
                "WARDEN_CACHE_TTL_SECONDS", "90",
                "WARDEN_CACHE_STALENESS_BOUND_MS", "2500",
                "WARDEN_JWT_TTL_SECONDS", "600",
                "WARDEN_REFRESH_TTL_SECONDS", "7200",
                "WARDEN_LOGIN_HASH_MAX_WAIT_MS", "750",
                "WARDEN_CACHE_WITNESS_MAX_MS", "4000",
                "WARDEN_SHUTDOWN_GRACE_SECONDS", "45",
                "WARDEN_EVENTS_HEARTBEAT_MS", "5000"));

    assertThat(set.redisTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(set.cacheTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(set.stalenessBound()).isEqualTo(Duration.ofMillis(2500));
    assertThat(set.jwtTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(set.refreshTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(set.loginHashMaxWait()).isEqualTo(Duration.ofMillis(750));
    assertThat(set.witnessMax()).isEqualTo(Duration.ofSeconds(4));
    assertThat(set.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
    assertThat(set.eventsHeartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_REDIS_TIMEOUT_MS", "0")))
        .hasMessage(
            "configuration warden.redis.timeout-ms (WARDEN_REDIS_TIMEOUT_MS) is '0', expected"
                + " between 1 and 60000");
  }

  @Test
  void the_audit_retention_defaults_to_a_year_and_is_checked() {
    assertThat(WardenConfig.load(Map.of()).auditRetention()).isEqualTo(Duration.ofDays(365));
    assertThat(WardenConfig.load(Map.of("WARDEN_AUDIT_RETENTION_DAYS", "30")).auditRetention())
        .isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_AUDIT_RETENTION_DAYS", "0")))
        .hasMessageContaining("WARDEN_AUDIT_RETENTION_DAYS");
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_AUDIT_RETENTION_DAYS", "a year")))
        .hasMessageContaining("WARDEN_AUDIT_RETENTION_DAYS");
  }

  @Test
  void web_client_settings_default_to_no_cors_and_a_short_revision_wait() {
    WebClientConfig web = WardenConfig.load(Map.of()).web();
    assertThat(web.corsOrigins()).isEmpty();
    assertThat(web.corsMaxAge()).isEqualTo(Duration.ofSeconds(600));
    assertThat(web.minRevisionWait()).isEqualTo(Duration.ofMillis(200));

    WebClientConfig set =
        WardenConfig.load(
                Map.of(
                    "WARDEN_CORS_ORIGINS",
                    " https://app.example.com, http://localhost:5173 ,,https://app.example.com",
                    "WARDEN_CORS_MAX_AGE_SECONDS",
                    "60",
                    "WARDEN_MIN_REVISION_WAIT_MS",
                    "0"))
            .web();
    assertThat(set.corsOrigins())
        .containsExactly("https://app.example.com", "http://localhost:5173");
    assertThat(set.corsMaxAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(set.minRevisionWait()).isZero();
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_MIN_REVISION_WAIT_MS", "-1")))
        .hasMessageContaining("WARDEN_MIN_REVISION_WAIT_MS");
    assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_CORS_MAX_AGE_SECONDS", "a day")))
        .hasMessageContaining("WARDEN_CORS_MAX_AGE_SECONDS");
  }

  @Test
  void a_cors_origin_that_is_not_exact_stops_the_start_naming_the_variable() {
    for (String bad :
        List.of(
            "*",
            "https://*.example.com",
            "null",
            "app.example.com",
            "ftp://app.example.com",
            "https://app.example.com/",
            "https://app.example.com/path",
            "https://app.example.com?q=1",
            "https://user@app.example.com",
            "https://App.Example.com",
            "https://app.example.com:443",
            "http://app.example.com:80",
            "https://app.example.com, *")) {
      assertThatThrownBy(() -> WardenConfig.load(Map.of("WARDEN_CORS_ORIGINS", bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WARDEN_CORS_ORIGINS");
    }
    assertThat(
            WardenConfig.load(Map.of("WARDEN_CORS_ORIGINS", "https://app.example.com:8443"))
                .web()
                .corsOrigins())
        .containsExactly("https://app.example.com:8443");
  }
}
