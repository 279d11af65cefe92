package io.warden.adapter.driving.http;

import java.util.Objects;

/**
 * What bootstrap decides about the HTTP adapter besides the use cases.
 *
 * @param tls whether the server speaks TLS: only then do responses carry {@code
 *     Strict-Transport-Security} (over plain HTTP the header means nothing and a proxy may
 *     terminate TLS for some other name)
 * @param healthDetails who may see the details of {@code /health}
 */
public record HttpOptions(boolean tls, HealthDetailAccess healthDetails) {
  public HttpOptions {
    Objects.requireNonNull(healthDetails, "healthDetails");
  }

  /** Plain HTTP, details of {@code /health} for privileged callers only. */
  public static HttpOptions defaults() {
    return new HttpOptions(false, HealthDetailAccess.PRIVILEGED_CALLER);
  }

  public HttpOptions withTls(boolean newTls) {
    return new HttpOptions(newTls, healthDetails);
  }
}
