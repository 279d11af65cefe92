package io.warden.bootstrap;

import io.warden.application.port.driving.RequestContext;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The plain log format ({@code WARDEN_LOG_FORMAT=text}): the JDK's {@link SimpleFormatter}, with
 * its layout ({@code java.util.logging.SimpleFormatter.format}), whose message starts with {@code
 * [request <id>]} when the record was written while a request was handled ({@link RequestContext},
 * bound to the thread that handles it, which is also the thread the console handler formats on).
 * Access-log lines already end with their request id and are left as they are.
 */
final class RequestIdTextFormatter extends SimpleFormatter {

  /**
   * Gives every root handler that still formats with the JDK's default {@link SimpleFormatter} this
   * one instead; a formatter configured otherwise (a {@code logging.properties} of the operator's)
   * is kept.
   */
  static void install() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler.getFormatter() != null
          && handler.getFormatter().getClass() == SimpleFormatter.class) {
        handler.setFormatter(new RequestIdTextFormatter());
      }
    }
  }

  @Override
  public String formatMessage(LogRecord record) {
    String message = super.formatMessage(record);
    if (AccessLog.LOGGER.equals(record.getLoggerName())) {
      return message;
    }
    return RequestContext.requestId().map(id -> "[request " + id + "] " + message).orElse(message);
  }
}
