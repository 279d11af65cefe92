package io.warden.bootstrap;

import io.warden.application.port.driving.RequestContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code WARDEN_LOG_FORMAT=json}: every log record as one JSON object on one line ({@code time},
 * {@code level}, {@code logger}, {@code thread}, {@code requestId} when the record was written
 * while a request was handled, {@code message}, {@code error} with the stack trace), for log
 * shippers. Access-log records ({@link AccessLog}) carry {@code method}, {@code path}, {@code
 * status}, {@code durationMs} and {@code requestId} as fields of their own. Every logging API
 * Warden uses (System.Logger, SLF4J) ends in java.util.logging, whose root handlers this formatter
 * replaces.
 *
 * <p>The request id is the one bound to the writing thread ({@link RequestContext}): the console
 * handler formats on the thread that logs, the request's own.
 */
final class JsonLinesFormatter extends Formatter {

  /** Replaces the root logger's handlers by one console handler writing JSON lines. */
  static void install() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new JsonLinesFormatter());
    console.setLevel(java.util.logging.Level.ALL);
    root.addHandler(console);
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder json = new StringBuilder(256);
    json.append('{');
    field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString());
    json.append(',');
    field(json, "level", level(record.getLevel()));
    json.append(',');
    field(json, "logger", String.valueOf(record.getLoggerName()));
    json.append(',');
    field(json, "thread", Thread.currentThread().getName());
    Object[] p = record.getParameters();
    if (AccessLog.LOGGER.equals(record.getLoggerName()) && p != null && p.length == 5) {
      json.append(',');
      field(json, "method", String.valueOf(p[0]));
      json.append(',');
      field(json, "path", String.valueOf(p[1]));
      json.append(",\"status\":").append(p[2]);
      json.append(",\"durationMs\":").append(p[3]);
      json.append(',');
      field(json, "requestId", String.valueOf(p[4]));
    } else {
      RequestContext.requestId()
          .ifPresent(
              id -> {
                json.append(',');
                field(json, "requestId", id);
              });
    }
    json.append(',');
    field(json, "message", formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      json.append(',');
      field(json, "error", trace.toString());
    }
    return json.append("}\n").toString();
  }

  /** SLF4J's and System.Logger's names for java.util.logging's levels. */
  private static String level(java.util.logging.Level level) {
    int value = level.intValue();
    if (value >= java.util.logging.Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= java.util.logging.Level.WARNING.intValue()) {
      return "WARN";
    }
    if (value >= java.util.logging.Level.INFO.intValue()) {
      return "INFO";
    }
    if (value >= java.util.logging.Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
