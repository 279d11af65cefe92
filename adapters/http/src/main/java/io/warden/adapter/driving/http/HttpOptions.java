package io.warden.adapter.driving.http;

import java.util.Objects;

/**
 * What bootstrap decides about the HTTP adapter besides the use cases.
 *
 * @param tls whether the server speaks TLS: only then do responses carry {@code
 *     Strict-Transport-Security} (over plain HTTP the header means nothing and a proxy may
 *     terminate TLS for some other name)
 * @param healthDetails who may see the details of {@code /health}
 * @param managementSeparate whether {@code /metrics}, {@code /health*} and {@code /ping} are served
 *     on a management port of their own ({@link WardenHttp#managementRouting}) instead of here
 * @param requests told of every answered request (counting, the access log)
 */
public record HttpOptions(
    boolean tls,
    HealthDetailAccess healthDetails,
    boolean managementSeparate,
    RequestObserver requests) {
  public HttpOptions {
    Objects.requireNonNull(healthDetails, "healthDetails");
    Objects.requireNonNull(requests, "requests");
  }

  public HttpOptions(boolean tls, HealthDetailAccess healthDetails) {
    this(tls, healthDetails, false, RequestObserver.NONE);
  }

  /** Plain HTTP, details of {@code /health} for privileged callers only. */
  public static HttpOptions defaults() {
    return new HttpOptions(false, HealthDetailAccess.PRIVILEGED_CALLER);
  }

  public HttpOptions withTls(boolean newTls) {
    return new HttpOptions(newTls, healthDetails, managementSeparate, requests);
  }

  /**
   * Operations endpoints on a management port of their own ({@link WardenHttp#managementRouting}),
   * whose requests see the details of {@code /health}: only whoever reaches that port can ask.
   */
  public HttpOptions withManagementPort(boolean separate) {
    return new HttpOptions(tls, healthDetails, separate, requests);
  }

  public HttpOptions withRequests(RequestObserver observer) {
    return new HttpOptions(tls, healthDetails, managementSeparate, observer);
  }
}
