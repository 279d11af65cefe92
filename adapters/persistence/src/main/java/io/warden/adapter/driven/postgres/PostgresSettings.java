package io.warden.adapter.driven.postgres;

import java.time.Duration;
import java.util.Optional;

/**
 * How to reach PostgreSQL: the JDBC URL and credentials of the configured user (the schema owner,
 * who runs the migrations), optionally a separate login for the pool ({@link #poolLogin()}), the
 * pool size and how long a caller may wait for a pooled connection before the request fails as
 * unavailable. Whoever logs in, pooled and dedicated connections then act as {@code warden_app}.
 */
public record PostgresSettings(
    String jdbcUrl,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Optional<PoolLogin> poolLogin) {

  /** Long enough to ride out a busy pool, short enough that a dead database answers 503 fast. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  public PostgresSettings {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
    }
    password = password == null ? "" : password;
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
    }
    if (poolLogin.isPresent() && poolLogin.get().user().equals(user)) {
      throw new IllegalArgumentException(
          "the pool's login must not be the schema owner who runs the migrations");
    }
  }

  public PostgresSettings(
      String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout) {
    this(jdbcUrl, user, password, poolSize, connectionTimeout, Optional.empty());
  }

  public PostgresSettings(String jdbcUrl, String user, String password, int poolSize) {
    this(jdbcUrl, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * The same settings with the pool (and the {@code LISTEN} connection) logging in as {@code
   * login}, a role of its own that owns nothing: the owner's credentials then serve the migrations
   * only.
   */
  public PostgresSettings withPoolLogin(PoolLogin login) {
    return new PostgresSettings(
        jdbcUrl, user, password, poolSize, connectionTimeout, Optional.of(login));
  }

  /** The user every runtime connection logs in as: the pool's own login, else the owner. */
  public String runtimeUser() {
    return poolLogin.map(PoolLogin::user).orElse(user);
  }

  /** The password of {@link #runtimeUser()}. */
  public String runtimePassword() {
    return poolLogin.map(PoolLogin::password).orElse(password);
  }

  /**
   * A login role for the pool, distinct from the schema owner: a member of {@code warden_app} that
   * owns nothing and is no superuser (the start verifies it).
   */
  public record PoolLogin(String user, String password) {
    public PoolLogin {
      if (user.isBlank()) {
        throw new IllegalArgumentException("the pool's login user must not be blank");
      }
      password = password == null ? "" : password;
    }

    @Override
    public String toString() {
      return "PoolLogin[user="
          + user
          + ", password="
          + (password.isEmpty() ? "(none)" : "***")
          + "]";
    }
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
        + ", poolLogin="
        + poolLogin
        + "]";
  }
}
