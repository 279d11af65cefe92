package io.warden.bootstrap;

import java.util.Optional;

/**
 * The settings of issue #8.
 *
 * @param metrics whether operations are measured at all ({@code WARDEN_METRICS}; off only to
 *     measure what measuring costs)
 * @param managementPort where {@code /metrics}, {@code /health*} and {@code /ping} are served
 *     instead of the main port ({@code WARDEN_MANAGEMENT_PORT})
 * @param logFormat {@code text} or {@code json} (JSON lines) ({@code WARDEN_LOG_FORMAT})
 * @param accessLog one log line per answered request ({@code WARDEN_ACCESS_LOG})
 */
public record ObservabilityConfig(
    boolean metrics, Optional<Integer> managementPort, String logFormat, boolean accessLog) {
  public ObservabilityConfig {
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new IllegalArgumentException(
          "configuration warden.log.format (WARDEN_LOG_FORMAT) is '"
              + logFormat
              + "', expected text or json");
    }
  }

  public boolean jsonLogs() {
    return logFormat.equals("json");
  }
}
