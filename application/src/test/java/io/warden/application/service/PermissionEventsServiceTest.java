package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.application.port.driving.PermissionEventsUseCase.Cap;
import io.warden.application.port.driving.PermissionEventsUseCase.Event;
import io.warden.application.port.driving.PermissionEventsUseCase.EventStream;
import io.warden.application.port.driving.PermissionEventsUseCase.Opening;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streams' decisions without threads or timing: every poke and heartbeat is made before {@link
 * EventStream#next()} is called, so {@code next()} answers at once, and a heartbeat stands as the
 * proof that a poke before it sent nothing.
 */
class PermissionEventsServiceTest {
  private static final long REVISION = 1_000_000;

  private final InMemoryWarden warden = new InMemoryWarden();
  private final PermissionEventsUseCase events = warden.useCases().permissionEvents();
  private Tenant tenant;
  private Caller admin;
  private Role viewer;
  private User ann;
  private String token;

  @BeforeEach
  void setUp() {
    tenant = warden.createTenant("acme");
    admin = warden.loginTo(tenant, InMemoryWarden.ROOT_EMAIL);
    viewer =
        warden
            .useCases()
            .roleAdministration()
            .create(admin, new CreateRole("viewer", "sees roles", List.of("roles.view")));
    ann = warden.createUser("ann@acme.test");
    warden.addMember(tenant, ann, "viewer");
    token = warden.loginResult("ann@acme.test").tokens().accessToken();
  }

  @Test
  void aChangeOfTheCallersPermissionsIsPushedWithItsRevision() throws Exception {
    EventStream stream = open(token);
    warden.useCases().roleAdministration().revoke(admin, viewer.id(), "roles.view");
    events.changed(new InvalidationScope.WholeTenant(tenant.id()), REVISION);

    assertThat(stream.next()).isEqualTo(new Event.PermissionsChanged(REVISION, tenant.id()));
  }

  @Test
  void aPokeThatChangesNothingTheCallerSeesSendsNothing() throws Exception {
    EventStream stream = open(token);
    events.changed(new InvalidationScope.WholeTenant(tenant.id()), REVISION);
    events.changed(new InvalidationScope.Everything(), REVISION + 1);
    events.heartbeat();

    assertThat(stream.next()).isEqualTo(new Event.Heartbeat());
  }

  @Test
  void aScopeThatDoesNotCoverTheCallerDoesNotEvenPoke() throws Exception {
    User bob = warden.createUser("bob@acme.test");
    warden.addMember(tenant, bob, "viewer");
    EventStream stream = open(token);
    // Ann's set does change, but the (wrong) scope names Bob and another tenant: no re-check.
    warden.useCases().roleAdministration().revoke(admin, viewer.id(), "roles.view");
    events.changed(new InvalidationScope.UserInTenant(tenant.id(), bob.id()), REVISION);
    events.changed(new InvalidationScope.WholeTenant(warden.createTenant("other").id()), REVISION);
    events.changed(new InvalidationScope.WholeUser(bob.id()), REVISION);
    events.heartbeat();
    assertThat(stream.next()).isEqualTo(new Event.Heartbeat());

    events.changed(new InvalidationScope.UserInTenant(tenant.id(), ann.id()), REVISION + 1);
    assertThat(stream.next()).isEqualTo(new Event.PermissionsChanged(REVISION + 1, tenant.id()));
  }

  @Test
  void logoutEndsTheStreamAndFreesItsSlot() throws Exception {
    EventStream stream = open(token);
    assertThat(events.openStreams()).isEqualTo(1);
    warden.useCases().logout().logout(warden.caller(token));
    events.changed(new InvalidationScope.WholeUser(ann.id()), REVISION);

    assertThat(stream.next()).isEqualTo(new Event.SessionEnded());
    assertThat(events.openStreams()).isZero();
    assertThat(stream.next()).isEqualTo(new Event.SessionEnded());
    assertThatThrownBy(() -> events.open(token)).isInstanceOf(Unauthenticated.class);
  }

  @Test
  void theTokensExpiryEndsTheStreamAtTheNextHeartbeat() throws Exception {
    EventStream stream = open(token);
    warden.clock().advance(ServiceSettings.DEFAULT_ACCESS_TOKEN_TTL);
    events.heartbeat();

    assertThat(stream.next()).isEqualTo(new Event.SessionEnded());
  }

  @Test
  void aRoundOfHeartbeatTurnsBeatsEveryStreamAndABadTurnIsRefused() throws Exception {
    List<EventStream> streams = List.of(open(token), open(token), open(token));
    for (int turn = 0; turn < 3; turn++) {
      events.heartbeat(turn, 3);
    }
    for (EventStream stream : streams) {
      assertThat(stream.next()).isEqualTo(new Event.Heartbeat());
    }
    assertThatThrownBy(() -> events.heartbeat(3, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> events.heartbeat(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> events.heartbeat(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTicketOpensOneStreamOnce() throws Exception {
    PermissionEventsUseCase.Ticket ticket = events.issueTicket(token);
    assertThat(ticket.expiresIn()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ticket.value()).isNotEqualTo(token).matches("[A-Za-z0-9_-]{43}");

    EventStream stream = opened(events.openWithTicket(ticket.value()));
    assertThat(stream.tenantId()).isEqualTo(tenant.id());
    assertThatThrownBy(() -> events.openWithTicket(ticket.value()))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void badExpiredAndOrphanedTicketsAreRefused() {
    for (String bad : new String[] {"", "nope", "<script>", "a".repeat(500), null}) {
      assertThatThrownBy(() -> events.openWithTicket(bad)).isInstanceOf(Unauthenticated.class);
    }
    String expired = events.issueTicket(token).value();
    warden.clock().advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> events.openWithTicket(expired)).isInstanceOf(Unauthenticated.class);

    String orphaned = events.issueTicket(token).value();
    warden.useCases().logout().logout(warden.caller(token));
    assertThatThrownBy(() -> events.openWithTicket(orphaned)).isInstanceOf(Unauthenticated.class);
  }

  @Test
  void aTokenWithoutTenantOrValidityOpensNothing() {
    String unscoped = warden.loginResult(InMemoryWarden.ROOT_EMAIL).tokens().accessToken();
    assertThatThrownBy(() -> events.open(unscoped)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> events.issueTicket(unscoped)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> events.open("forged")).isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> events.issueTicket(null)).isInstanceOf(Unauthenticated.class);
    assertThat(events.openStreams()).isZero();
  }

  @Test
  void streamsPerUserAreCappedAndClosingGivesTheSlotBack() {
    List<EventStream> streams = new ArrayList<>();
    for (int i = 0; i < StreamLimits.DEFAULT_PER_USER; i++) {
      streams.add(open(token));
    }
    Opening refused = events.open(token);
    assertThat(refused).isInstanceOf(Opening.Refused.class);
    assertThat(((Opening.Refused) refused).cap()).isEqualTo(Cap.PER_USER);

    streams.get(0).close();
    streams.get(0).close(); // twice: one slot only
    assertThat(events.openStreams()).isEqualTo(StreamLimits.DEFAULT_PER_USER - 1);
    assertThat(events.open(token)).isInstanceOf(Opening.Opened.class);
  }

  @Test
  void stoppingEndsEveryStreamWithoutSessionEndedAndOpensNoMore() throws Exception {
    EventStream first = open(token);
    EventStream second = open(token);
    // Even a pending change gives way: the client reconnects elsewhere and reads the state there.
    warden.useCases().roleAdministration().revoke(admin, viewer.id(), "roles.view");
    events.changed(new InvalidationScope.WholeTenant(tenant.id()), REVISION);
    events.endAll();

    assertThat(first.next()).isEqualTo(new Event.Ended());
    assertThat(second.next()).isEqualTo(new Event.Ended());
    first.close();
    second.close();
    assertThat(events.openStreams()).isZero();
    Opening refused = events.open(token);
    assertThat(refused).isInstanceOf(Opening.Refused.class);
    assertThat(((Opening.Refused) refused).cap()).isEqualTo(Cap.PER_INSTANCE);
    assertThat(events.openStreams()).isZero();
  }

  private EventStream open(String accessToken) {
    return opened(events.open(accessToken));
  }

  private static EventStream opened(Opening opening) {
    assertThat(opening).isInstanceOf(Opening.Opened.class);
    return ((Opening.Opened) opening).stream();
  }
}
