package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testing.LaunchedWarden;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's browser test: CORS with real preflights from Debian's Chromium, driven by {@code
 * playwright-core} through Node.js's test runner ({@code src/test/js/cors.test.mjs}). The Node test
 * serves a page on a second origin ({@code http://127.0.0.1:<page port>}, listed in {@code
 * WARDEN_CORS_ORIGINS}; {@code http://localhost:<page port>} is the same page on an unlisted
 * origin), and the page calls Warden, started from bootstrap's packaged launcher, with {@code
 * fetch()} and an {@code Authorization} header.
 */
class CorsBrowserTest {
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(10);

  @Test
  void a_page_on_a_listed_origin_calls_warden_and_an_unlisted_one_cannot() throws Exception {
    BrowserTestBed bed = BrowserTestBed.prepare("cors");
    int pagePort = freePort();
    LaunchedWarden.Environment env =
        bed.environment("operator@cors.warden.test")
            .with("WARDEN_CACHE_WARM_MAX_TENANT_SIZE", "0")
            .with("WARDEN_CORS_ORIGINS", "http://127.0.0.1:" + pagePort)
            .with("WARDEN_ACCESS_LOG", "true");

    try (LaunchedWarden warden = bed.start(env)) {
      bed.nodeTest(warden, Map.of("WARDEN_PAGE_PORT", Integer.toString(pagePort)), NODE_TIMEOUT);
      assertThat(warden.log())
          .as("Chromium sent its preflight to Warden")
          .contains("OPTIONS /api/admin/permissions");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
