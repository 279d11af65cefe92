package io.warden.bootstrap;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one key of {@link WardenConfig}, preferring its environment variable over the files, and
 * fails fast with both names and what was expected: a setting out of range stops the start instead
 * of surfacing later as odd behaviour.
 */
record ConfigSource(Config root, Map<String, String> env) {

  String text(String key, String variable) {
    String fromEnv = env.get(variable);
    if (fromEnv != null) {
      return fromEnv;
    }
    return root.get(key).asString().orElse("");
  }

  Optional<String> optional(String key, String variable) {
    String value = text(key, variable).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  int integer(String key, String variable, int min, int max) {
    return parse(key, variable, Integer::parseInt, min, max);
  }

  /**
   * A duration given in whole seconds (the key ends in {@code -seconds}), checked as {@link
   * #integer} checks it: a value out of range names the key, the variable and the range in seconds.
   */
  Duration seconds(String key, String variable, int min, int max) {
    return Duration.ofSeconds(integer(key, variable, min, max));
  }

  /** A duration given in whole milliseconds (the key ends in {@code -ms}), checked likewise. */
  Duration millis(String key, String variable, int min, int max) {
    return Duration.ofMillis(integer(key, variable, min, max));
  }

  /** A duration given in whole days (the key ends in {@code -days}), checked likewise. */
  Duration days(String key, String variable, int min, int max) {
    return Duration.ofDays(integer(key, variable, min, max));
  }

  boolean bool(String key, String variable) {
    String value = text(key, variable).strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, variable, value, "true or false");
    };
  }

  private int parse(
      String key, String variable, Function<String, Integer> parser, int min, int max) {
    String value = text(key, variable).strip();
    int parsed;
    try {
      parsed = parser.apply(value);
    } catch (NumberFormatException e) {
      throw invalid(key, variable, value, "a whole number");
    }
    if (parsed < min || parsed > max) {
      throw invalid(key, variable, value, "between " + min + " and " + max);
    }
    return parsed;
  }

  private static IllegalArgumentException invalid(
      String key, String variable, String value, String expected) {
    return new IllegalArgumentException(
        "configuration warden."
            + key
            + " ("
            + variable
            + ") is '"
            + value
            + "', expected "
            + expected);
  }
}
