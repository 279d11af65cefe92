package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testing.LaunchedWarden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's example app ({@code /examples/spa/}) in Debian's Chromium through {@code
 * src/test/js/spa.test.mjs}: two browser contexts against a Warden started from bootstrap's
 * packaged launcher on a fresh PostgreSQL database and Redis; the administrator revokes a role in
 * one, the member's button disappears in the other without a reload. The delay goes to {@code
 * target/spa-revoke-delay.json} (and the test's output); Node's output and Warden's log to {@code
 * target/}.
 */
class ExampleSpaBrowserTest {
  @Test
  void the_example_app_hides_a_button_live_when_the_admin_revokes_its_role() throws Exception {
    BrowserTestBed bed = BrowserTestBed.prepare("spa");
    LaunchedWarden.Environment env = bed.environment("operator@spa.warden.test");

    Path delay = bed.target().resolve("spa-revoke-delay.json");
    Files.deleteIfExists(delay);
    try (LaunchedWarden warden = bed.start(env)) {
      bed.nodeTest(
          warden, Map.of("WARDEN_SPA_DELAY_FILE", delay.toString()), Duration.ofMinutes(10));
    }
    assertThat(Files.readString(delay)).contains("\"delayMs\":");
  }
}
