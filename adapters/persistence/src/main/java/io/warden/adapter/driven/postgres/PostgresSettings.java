package io.warden.adapter.driven.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL: the JDBC URL and credentials of the configured user (who runs the
 * migrations; the pool then acts as {@code warden_app}), the pool size and how long a caller may
 * wait for a pooled connection before the request fails as unavailable.
 */
public record PostgresSettings(
    String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout) {

  /** Long enough to ride out a busy pool, short enough that a dead database answers 503 fast. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  public PostgresSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
    }
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
    }
  }

  public PostgresSettings(String jdbcUrl, String user, String password, int poolSize) {
    this(jdbcUrl, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  /** Never prints the password, not even one written into the JDBC URL's query. */
  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl="
        + jdbcUrl.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
        + ", user="
        + user
        + ", poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + "]";
  }
}
