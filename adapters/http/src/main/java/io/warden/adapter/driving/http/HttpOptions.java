package io.warden.adapter.driving.http;

import io.warden.application.port.driving.RateLimitUseCase;

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
 * @param rateLimits the limits every {@code /api/**} request spends
 * @param clientAddresses how the client address is found (trusted proxies)
 * @param cors which browser origins may call the API ({@link CorsOptions#NONE}: none)
 */
public record HttpOptions(
    boolean tls,
    HealthDetailAccess healthDetails,
    boolean managementSeparate,
    RequestObserver requests,
    RateLimitUseCase rateLimits,
    ClientAddresses clientAddresses,
    CorsOptions cors) {
  /** These settings without CORS. */
  public HttpOptions(
      boolean tls,
      HealthDetailAccess healthDetails,
      boolean managementSeparate,
      RequestObserver requests,
      RateLimitUseCase rateLimits,
      ClientAddresses clientAddresses) {
    this(
        tls,
        healthDetails,
        managementSeparate,
        requests,
        rateLimits,
        clientAddresses,
        CorsOptions.NONE);
  }

  /** These TLS and health settings, no management port, no rate limits, no trusted proxy. */
  public HttpOptions(boolean tls, HealthDetailAccess healthDetails) {
    this(
        tls,
        healthDetails,
        false,
        RequestObserver.NONE,
        RateLimitUseCase.UNLIMITED,
        ClientAddresses.PEER_ONLY);
  }

  /** Plain HTTP, details of {@code /health} for privileged callers only. */
  public static HttpOptions defaults() {
    return new HttpOptions(false, HealthDetailAccess.PRIVILEGED_CALLER);
  }

  public HttpOptions withTls(boolean newTls) {
    return new HttpOptions(
        newTls, healthDetails, managementSeparate, requests, rateLimits, clientAddresses, cors);
  }

  /**
   * Operations endpoints on a management port of their own ({@link WardenHttp#managementRouting}),
   * whose requests see the details of {@code /health}: only whoever reaches that port can ask.
   */
  public HttpOptions withManagementPort(boolean separate) {
    return new HttpOptions(
        tls, healthDetails, separate, requests, rateLimits, clientAddresses, cors);
  }

  public HttpOptions withRequests(RequestObserver observer) {
    return new HttpOptions(
        tls, healthDetails, managementSeparate, observer, rateLimits, clientAddresses, cors);
  }

  /** The same options with these rate limits and this way of finding the client address. */
  public HttpOptions withRateLimits(RateLimitUseCase limits, ClientAddresses addresses) {
    return new HttpOptions(
        tls, healthDetails, managementSeparate, requests, limits, addresses, cors);
  }

  /** The same options with CORS for these origins. */
  public HttpOptions withCors(CorsOptions newCors) {
    return new HttpOptions(
        tls, healthDetails, managementSeparate, requests, rateLimits, clientAddresses, newCors);
  }
}
