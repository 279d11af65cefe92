package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.RequestContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLinesFormatterTest {
  private final JsonLinesFormatter formatter = new JsonLinesFormatter();

  @Test
  void a_record_is_one_line_of_json_whatever_its_message_holds() {
    LogRecord record =
        new LogRecord(Level.WARNING, "Could not reach {0}: \"quoted\"\nsecond line\t\u0001");
    record.setParameters(new Object[] {"redis"});
    record.setLoggerName("io.warden.adapter.driven.redis.RedisL2");
    record.setThrown(new IllegalStateException("boom"));

    String line = formatter.format(record);

    assertThat(line).endsWith("}\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonObject json = parse(line);
    assertThat(json.getString("level")).isEqualTo("WARN");
    assertThat(json.getString("logger")).isEqualTo("io.warden.adapter.driven.redis.RedisL2");
    assertThat(json.getString("message"))
        .isEqualTo("Could not reach redis: \"quoted\"\nsecond line\t\u0001");
    assertThat(json.getString("error")).contains("IllegalStateException: boom");
    assertThat(json.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void an_access_log_record_carries_its_fields_and_the_request_id() {
    LogRecord record = new LogRecord(Level.INFO, "{0} {1} {2} {3} ms {4}");
    record.setLoggerName(AccessLog.LOGGER);
    record.setParameters(new Object[] {"POST", "/api/authz/check", 200, "0.412", "req-42"});

    JsonObject json = parse(formatter.format(record));

    assertThat(json.getString("level")).isEqualTo("INFO");
    assertThat(json.getString("method")).isEqualTo("POST");
    assertThat(json.getString("path")).isEqualTo("/api/authz/check");
    assertThat(json.getInt("status")).isEqualTo(200);
    assertThat(json.getJsonNumber("durationMs").doubleValue()).isEqualTo(0.412);
    assertThat(json.getString("requestId")).isEqualTo("req-42");
    assertThat(json.getString("message")).isEqualTo("POST /api/authz/check 200 0.412 ms req-42");
  }

  @Test
  void a_record_written_while_a_request_is_handled_carries_its_request_id() {
    LogRecord record =
        new LogRecord(Level.WARNING, "GET /health failed: a dependency is unavailable");
    record.setLoggerName("io.warden.adapter.driving.http.ProblemResponses");

    JsonObject during;
    try (RequestContext.Binding binding = RequestContext.bind("req-7")) {
      during = parse(formatter.format(record));
    }
    JsonObject outside = parse(formatter.format(record));

    assertThat(during.getString("requestId")).isEqualTo("req-7");
    assertThat(during.getString("message")).isEqualTo(record.getMessage());
    assertThat(outside.containsKey("requestId")).isFalse();
  }

  @Test
  void an_access_log_record_keeps_its_own_request_id_once() {
    LogRecord record = new LogRecord(Level.INFO, "{0} {1} {2} {3} ms {4}");
    record.setLoggerName(AccessLog.LOGGER);
    record.setParameters(new Object[] {"GET", "/ping", 200, "0.100", "req-9"});

    String line;
    try (RequestContext.Binding binding = RequestContext.bind("req-9")) {
      line = formatter.format(record);
    }

    assertThat(parse(line).getString("requestId")).isEqualTo("req-9");
    assertThat(line.split("\"requestId\"", -1)).hasSize(2);
  }

  @Test
  void debug_levels_are_named_as_slf4j_names_them() {
    for (Map.Entry<Level, String> e :
        Map.of(Level.SEVERE, "ERROR", Level.FINE, "DEBUG", Level.FINEST, "TRACE").entrySet()) {
      LogRecord record = new LogRecord(e.getKey(), "x");
      record.setLoggerName("l");
      assertThat(parse(formatter.format(record)).getString("level")).isEqualTo(e.getValue());
    }
  }

  private static JsonObject parse(String line) {
    return Json.createReader(new StringReader(line)).readObject();
  }
}
