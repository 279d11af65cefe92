package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testing.LaunchedWarden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #8's browser test: the dashboard in Debian's Chromium, driven by {@code playwright-core}
 * through Node.js's own test runner ({@code src/test/js/dashboard.test.mjs}), against a real Warden
 * started from bootstrap's packaged launcher on a fresh PostgreSQL database and Redis, seeded with
 * two demo tenants of 40 users.
 *
 * <p>{@code npm ci} installs {@code playwright-core} from the committed {@code package-lock.json}
 * (it downloads no browser). The screenshots go to {@code target/screenshots/}; Warden's log, npm's
 * and the Node test runner's to {@code target/}.
 */
class DashboardBrowserTest {
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(20);
  private static final String DEMO_PASSWORD = "demo-password-123";
  private static final String API_PER_MINUTE = "120";

  @Test
  void the_dashboard_logs_in_shows_live_traffic_and_manages_the_cache_in_chromium()
      throws Exception {
    BrowserTestBed bed = BrowserTestBed.prepare("dashboard");
    LaunchedWarden.Environment env =
        bed.environment("operator@browser.warden.test")
            .with("WARDEN_DEMO_TENANTS", "2")
            .with("WARDEN_DEMO_USERS", "40")
            .with("WARDEN_DEMO_PASSWORD", DEMO_PASSWORD)
            // The page warms a tenant itself, in batches small enough for the bar to move.
            .with("WARDEN_CACHE_WARM_MAX_TENANT_SIZE", "0")
            .with("WARDEN_CACHE_WARM_BATCH_SIZE", "10")
            // The test logs in far more often than a person would; one user exceeds the api class.
            .with("WARDEN_RATE_AUTH_PER_15_MINUTES", "100000")
            .with("WARDEN_RATE_API_PER_MINUTE", API_PER_MINUTE)
            .with("WARDEN_ACCESS_LOG", "true");

    Path screenshots = bed.target().resolve("screenshots");
    try (LaunchedWarden warden = bed.start(env)) {
      bed.nodeTest(
          warden,
          Map.of(
              "WARDEN_DEMO_PASSWORD", DEMO_PASSWORD,
              "WARDEN_RATE_API", API_PER_MINUTE,
              "WARDEN_SCREENSHOTS", screenshots.toString()),
          NODE_TIMEOUT);
    }
    for (String shot : List.of("dashboard.png", "dashboard-dark.png", "dashboard-narrow.png")) {
      Path file = screenshots.resolve(shot);
      assertThat(file).as(shot).exists();
      assertThat(Files.size(file)).as(shot).isGreaterThan(10_000);
    }
  }
}
