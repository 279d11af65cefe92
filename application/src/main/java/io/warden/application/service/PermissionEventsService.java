package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.EventTickets;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The permission event streams of one instance. A change the scope of which covers a stream's
 * caller only <em>pokes</em> the stream; its reader then re-checks, on its own (virtual) thread:
 * first whether the token still stands (else {@code session-ended}), then whether what {@code
 * /api/me} would show (permissions, roles, organizations) differs from what the stream last saw
 * (else nothing is sent). A role changed in the tenant thus reaches every connected member as a
 * cheap re-read from the caches, but a {@code permissions-changed} only those whose set moved.
 */
final class PermissionEventsService implements PermissionEventsUseCase {
  static final Duration TICKET_TTL = Duration.ofSeconds(30);
  static final String INVALID_TICKET = "invalid or expired ticket";
  private static final int MAX_TICKET_LENGTH = 128;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

  private final Transactions transactions;
  private final SessionRepository sessions;
  private final TokenCodec tokenCodec;
  private final EventTickets tickets;
  private final EffectivePermissions permissions;
  private final UserContexts contexts;
  private final Clock clock;
  private final StreamRegistry registry;

  /** How many streams this instance opened: the next one's place in the heartbeat's turns. */
  private final AtomicLong dealt = new AtomicLong();

  PermissionEventsService(
      Transactions transactions,
      SessionRepository sessions,
      TokenCodec tokenCodec,
      EventTickets tickets,
      EffectivePermissions permissions,
      UserContexts contexts,
      Clock clock,
      StreamLimits limits) {
    this.transactions = transactions;
    this.sessions = sessions;
    this.tokenCodec = tokenCodec;
    this.tickets = tickets;
    this.permissions = permissions;
    this.contexts = contexts;
    this.clock = clock;
    this.registry = new StreamRegistry(limits);
  }

  @Override
  public Ticket issueTicket(String accessToken) {
    AccessClaims claims = standing(accessToken);
    TenantId tenant = tenantOf(claims);
    String ticket = Secrets.newRefreshToken();
    EventTickets.Grant grant =
        new EventTickets.Grant(
            claims.subject(),
            tenant,
            claims.sessionId(),
            claims.tokenId(),
            claims.issuedAt(),
            claims.expiresAt());
    Instant expiresAt = clock.instant().plus(TICKET_TTL);
    transactions.acrossTenants(
        () -> {
          tickets.store(Secrets.sha256Hex(ticket), grant, expiresAt);
          return null;
        });
    return new Ticket(ticket, TICKET_TTL);
  }

  @Override
  public Opening open(String accessToken) {
    AccessClaims claims = standing(accessToken);
    return openFor(claims, tenantOf(claims));
  }

  @Override
  public Opening openWithTicket(String ticket) {
    if (ticket == null
        || ticket.length() > MAX_TICKET_LENGTH
        || !BASE64URL.matcher(ticket).matches()) {
      throw new Unauthenticated(INVALID_TICKET);
    }
    Instant now = clock.instant();
    EventTickets.Grant grant =
        transactions
            .acrossTenants(() -> tickets.redeem(Secrets.sha256Hex(ticket), now))
            .orElseThrow(() -> new Unauthenticated(INVALID_TICKET));
    AccessClaims claims =
        new AccessClaims(
            grant.userId(),
            grant.sessionId(),
            grant.tokenId(),
            grant.issuedAt(),
            grant.tokenExpiresAt(),
            Optional.of(grant.tenantId()));
    // A ticket dies with its session (and its token): whatever ended them ends the ticket too.
    if (!now.isBefore(claims.expiresAt()) || !stands(claims)) {
      throw new Unauthenticated(INVALID_TICKET);
    }
    return openFor(claims, grant.tenantId());
  }

  private Opening openFor(AccessClaims claims, TenantId tenant) {
    if (registry.ending()) {
      return new Opening.Refused(Cap.PER_INSTANCE, "this instance is stopping: retry later");
    }
    Optional<Cap> refused = registry.reserve(claims.subject());
    if (refused.isPresent()) {
      return new Opening.Refused(
          refused.get(),
          refused.get() == Cap.PER_USER
              ? "too many event streams open for this user"
              : "this instance holds as many event streams as it may: retry later");
    }
    LiveStream[] self = new LiveStream[1];
    LiveStream stream =
        new LiveStream(
            dealt.getAndIncrement(),
            claims,
            tenant,
            this::recheck,
            () -> {
              registry.remove(self[0]);
              registry.release(claims.subject());
            });
    self[0] = stream;
    // Registered before the baseline is read: a change committed after the read pokes the stream.
    registry.add(stream);
    if (registry.ending()) {
      stream.end(); // endAll ran between the check above and the registration
    }
    try {
      Fingerprint baseline = fingerprint(claims.subject(), tenant);
      stream.baseline(baseline, baseline.validUntil());
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
    return new Opening.Opened(stream);
  }

  @Override
  public void changed(InvalidationScope scope, long version) {
    registry.covered(scope, stream -> stream.poke(version));
  }

  @Override
  public void heartbeat(int turn, int turns) {
    if (turns < 1 || turn < 0 || turn >= turns) {
      throw new IllegalArgumentException("turn " + turn + " of " + turns);
    }
    Instant now = clock.instant();
    registry.inTurn(turn, turns, stream -> stream.beat(now));
  }

  @Override
  public void endAll() {
    registry.end();
    registry.all(LiveStream::end);
  }

  @Override
  public int openStreams() {
    return registry.size();
  }

  /** Runs on the stream's reader. */
  private Optional<Event> recheck(LiveStream stream, long revision) {
    AccessClaims claims = stream.claims();
    try {
      if (!clock.instant().isBefore(claims.expiresAt()) || !stands(claims)) {
        return Optional.of(new Event.SessionEnded());
      }
      Fingerprint now = fingerprint(claims.subject(), stream.tenantId());
      Object before = stream.baseline();
      stream.baseline(now, now.validUntil());
      if (now.equals(before)) {
        return Optional.empty();
      }
      return Optional.of(
          new Event.PermissionsChanged(Math.max(revision, now.version()), stream.tenantId()));
    } catch (RuntimeException e) {
      // The database is away: nothing is known to have changed; ask again at the next heartbeat.
      stream.retryLater();
      return Optional.empty();
    }
  }

  private AccessClaims standing(String accessToken) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new Unauthenticated(RequestAuthenticationService.INVALID_TOKEN);
    }
    AccessClaims claims =
        tokenCodec
            .verify(accessToken, clock.instant())
            .orElseThrow(() -> new Unauthenticated(RequestAuthenticationService.INVALID_TOKEN));
    if (!stands(claims)) {
      throw new Unauthenticated(RequestAuthenticationService.INVALID_TOKEN);
    }
    return claims;
  }

  private boolean stands(AccessClaims claims) {
    Optional<SessionState> state =
        sessions.state(claims.subject(), claims.sessionId(), claims.tokenId(), claims.tenantId());
    return state.isPresent()
        && RequestAuthenticationService.standsAfterRevocations(claims, state.get());
  }

  private static TenantId tenantOf(AccessClaims claims) {
    return claims
        .tenantId()
        .orElseThrow(
            () ->
                new Forbidden("this operation needs a tenant-scoped token: select a tenant first"));
  }

  private Fingerprint fingerprint(UserId user, TenantId tenant) {
    PermissionSnapshot snapshot = permissions.of(tenant, user);
    Optional<UserContexts.UserContext> context = contexts.of(tenant, user);
    List<RoleId> roles =
        context.map(c -> c.roles().stream().map(Role::id).toList()).orElse(List.of());
    UserOrganizations organizations =
        context.map(UserContexts.UserContext::organizations).orElse(UserOrganizations.NONE);
    Optional<Instant> validUntil =
        Stream.of(snapshot.validUntil(), context.flatMap(UserContexts.UserContext::validUntil))
            .flatMap(Optional::stream)
            .min(Instant::compareTo);
    return new Fingerprint(
        snapshot.permissions(), roles, organizations, snapshot.version(), validUntil);
  }

  /**
   * What {@code /api/me} shows that a change can move; {@code version} and {@code validUntil} do
   * not take part in the comparison.
   */
  private record Fingerprint(
      PermissionSet permissions,
      List<RoleId> roles,
      UserOrganizations organizations,
      long version,
      Optional<Instant> validUntil) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Fingerprint other
          && permissions.equals(other.permissions)
          && roles.equals(other.roles)
          && organizations.equals(other.organizations);
    }

    @Override
    public int hashCode() {
      return Objects.hash(permissions, roles, organizations);
    }
  }
}
