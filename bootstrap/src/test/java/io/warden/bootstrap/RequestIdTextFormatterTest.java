package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.RequestContext;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RequestIdTextFormatterTest {
  private final RequestIdTextFormatter formatter = new RequestIdTextFormatter();

  private static LogRecord record(String logger, String message, Object... parameters) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName(logger);
    record.setParameters(parameters);
    return record;
  }

  @Test
  void a_line_written_while_a_request_is_handled_names_its_request_id() {
    LogRecord record =
        record("io.warden.adapter.driving.http.ProblemResponses", "GET {0} failed", "/health");

    String during;
    try (RequestContext.Binding binding = RequestContext.bind("req-7")) {
      during = formatter.format(record);
    }
    String outside = formatter.format(record);

    assertThat(during).contains("WARNING: [request req-7] GET /health failed");
    assertThat(outside).contains("WARNING: GET /health failed").doesNotContain("req-7");
  }

  @Test
  void an_access_log_line_already_ends_with_its_id_and_is_left_alone() {
    LogRecord record =
        record(AccessLog.LOGGER, "{0} {1} {2} {3} ms {4}", "GET", "/ping", 200, "0.100", "req-9");

    String line;
    try (RequestContext.Binding binding = RequestContext.bind("req-9")) {
      line = formatter.format(record);
    }

    assertThat(line).contains("GET /ping 200 0.100 ms req-9").doesNotContain("[request");
  }

  @Test
  void it_keeps_the_layout_of_the_jdks_simple_formatter() {
    LogRecord record = record("l", "plain");
    assertThat(formatter.format(record))
        .isEqualTo(new java.util.logging.SimpleFormatter().format(record));
  }
}
