package io.warden.adapter.driving.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RateLimitUseCase;
import io.warden.application.port.driving.RateLimitUseCase.Decision;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rate limits of {@code /api/**}, as a filter that runs before any handler: the permission
 * checks spend the {@code check} class, a refresh the {@code auth} class by client address, every
 * other request the {@code api} class by user and tenant (by client address while it has no valid
 * token). A login is limited by its handler, which knows the e-mail, before any password is hashed
 * ({@link #login}). Every limited answer carries {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset}; a refusal is a 429 problem with {@code
 * Retry-After}, and the handler never runs.
 */
final class RateLimits implements Filter {
  static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
  static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
  static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");
  static final String LOGIN_PATH = "/api/auth/login";
  private static final String REFRESH_PATH = "/api/auth/refresh";
  private static final String CHECK_PREFIX = "/api/authz/check";

  private final RateLimitUseCase limiter;
  private final BearerAuthentication bearer;
  private final ClientAddresses addresses;

  RateLimits(RateLimitUseCase limiter, BearerAuthentication bearer, ClientAddresses addresses) {
    this.limiter = limiter;
    this.bearer = bearer;
    this.addresses = addresses;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    if (!path.startsWith("/api/")) {
      chain.proceed();
      return;
    }
    boolean post = req.prologue().method() == Method.POST;
    Decision decision;
    if (post && path.equals(LOGIN_PATH)) {
      chain.proceed(); // limited by login(), once the e-mail is known
      return;
    } else if (post && path.equals(REFRESH_PATH)) {
      decision = limiter.acquire(RateClass.AUTH, "refresh:" + addresses.of(req));
    } else if (path.startsWith(CHECK_PREFIX)) {
      decision = limiter.acquire(RateClass.CHECK, subject(req));
    } else {
      decision = limiter.acquire(RateClass.API, subject(req));
    }
    if (apply(decision, res)) {
      chain.proceed();
    }
  }

  /**
   * Spends the {@code auth} quota of a login for client address + e-mail; throws nothing, answers
   * the 429 itself and returns false when refused (the caller then must not hash anything).
   */
  boolean login(ServerRequest req, ServerResponse res, String email) {
    String key = "login:" + addresses.of(req) + ":" + email.strip().toLowerCase(Locale.ROOT);
    return apply(limiter.acquire(RateClass.AUTH, key), res);
  }

  /** The client address of {@code req}, per the trusted proxies. */
  String clientAddress(ServerRequest req) {
    return addresses.of(req);
  }

  /** The user and tenant of a valid token, else the client address. */
  private String subject(ServerRequest req) {
    // Without a valid token the handler answers 401; the quota spent is the address's.
    if (req.headers().contains(HeaderNames.AUTHORIZATION)
        && bearer.authenticate(req) instanceof Authentication.Authenticated authenticated) {
      Caller caller = authenticated.caller();
      Optional<TenantId> tenant = caller.tenantId();
      return subjectKey(caller.userId(), tenant.orElse(null));
    }
    return "a:" + addresses.of(req);
  }

  /**
   * The recent callers' keys, by user and tenant, in a small table indexed by their hash: a
   * caller's key (two UUIDs written out, joined) is built on its first request, not on each.
   */
  private final @Nullable SubjectKey[] recentSubjects = new SubjectKey[256];

  private record SubjectKey(UserId user, @Nullable TenantId tenant, String key) {}

  private String subjectKey(UserId user, @Nullable TenantId tenant) {
    int slot = (31 * user.hashCode() + Objects.hashCode(tenant)) & (recentSubjects.length - 1);
    SubjectKey known = recentSubjects[slot]; // a record: safely read whatever thread wrote it
    if (known != null && known.user().equals(user) && Objects.equals(known.tenant(), tenant)) {
      return known.key();
    }
    String key = tenant != null ? "u:" + user + ":t:" + tenant : "u:" + user;
    recentSubjects[slot] = new SubjectKey(user, tenant, key);
    return key;
  }

  /**
   * The limit of a class is one number: its header is built again only when it changes (null until
   * the first limited answer).
   */
  private static volatile @Nullable LimitHeader lastLimit;

  private record LimitHeader(long limit, Header header) {}

  private static Header limitHeader(long limit) {
    LimitHeader last = lastLimit;
    if (last != null && last.limit() == limit) {
      return last.header();
    }
    Header header = HeaderValues.createCached(LIMIT, limit);
    lastLimit = new LimitHeader(limit, header);
    return header;
  }

  /** The seconds to the end of a window: the first few hundred kept, built once each. */
  private static final @Nullable Header[] RESETS = new Header[600];

  private static Header resetHeader(long seconds) {
    if (seconds < 0 || seconds >= RESETS.length) {
      return HeaderValues.createCached(RESET, seconds);
    }
    Header header = RESETS[(int) seconds];
    if (header == null) {
      header = HeaderValues.createCached(RESET, seconds);
      RESETS[(int) seconds] = header; // a benign race: equal headers
    }
    return header;
  }

  /** Sets the headers; answers 429 and returns false when refused. */
  private static boolean apply(Decision decision, ServerResponse res) {
    if (!decision.limited()) {
      return true;
    }
    // Single-valued headers with their bytes: res.header(name, values...) makes an array and a
    // list of one, and a plain single value is copied by the response and encoded when written.
    res.header(limitHeader(decision.limit()));
    res.header(HeaderValues.createCached(REMAINING, decision.remaining()));
    res.header(resetHeader(decision.resetSeconds()));
    if (decision.allowed()) {
      return true;
    }
    res.header(HeaderNames.RETRY_AFTER, Long.toString(decision.resetSeconds()));
    ProblemResponses.send(
        res,
        Status.TOO_MANY_REQUESTS_429,
        "rate limit exceeded: retry after " + decision.resetSeconds() + " s");
    return false;
  }
}
