package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz test (Jazzer) of the invalidation-message parser, the public entry point every instance runs
 * on every notification of the channel: whatever arrives, {@link InvalidationMessage#parse} either
 * answers a message or refuses with {@link IllegalArgumentException} (which the listener turns into
 * "flush everything") — never another exception, never a hang — and what it answers is exactly what
 * {@link InvalidationMessage#toJson} writes back. Regression mode runs the committed seed corpus
 * ({@code InvalidationMessageFuzzTestInputs}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class InvalidationMessageFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void any_payload_is_read_strictly_or_refused(byte[] input) {
    String payload = new String(input, StandardCharsets.UTF_8);
    InvalidationMessage message;
    try {
      message = InvalidationMessage.parse(payload);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertThat(message.version()).isNotNegative();
    String written = message.toJson();
    assertThat(InvalidationMessage.parse(written)).isEqualTo(message);
  }
}
