package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.AuditLog.After;
import io.warden.application.port.driven.AuditLog.Query;
import io.warden.domain.model.audit.AuditActor;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do: keep an event exactly as written (the actor's e-mail filled
 * in) if and only if its transaction commits; show a tenant's transaction that tenant's events
 * only, and refuse it another tenant's; page newest first without losing or repeating an event;
 * filter; and purge by age. Tests share the store, so each reads through a tenant or an actor of
 * its own.
 */
public abstract class AuditLogContract extends StorageContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.123456Z");

  private AuditLog log() {
    return storage().auditLog();
  }

  private static AuditEvent event(
      Optional<UserId> actor, String action, Optional<TenantId> tenant, Instant at) {
    return new AuditEvent(
        UUID.randomUUID(),
        at,
        actor.map(AuditActor::of),
        action,
        tenant,
        Map.of("userId", actor.map(UserId::toString).orElse("-")),
        Map.of(),
        Optional.of("req-" + unique()));
  }

  private void appendIn(TenantId tenant, AuditEvent event) {
    inTenantDo(tenant, () -> log().append(event));
  }

  private void appendAcross(AuditEvent event) {
    acrossDo(() -> log().append(event));
  }

  /** A page, the actors' e-mails left out: the events compare equal to what was written. */
  private List<AuditEvent> pageIn(TenantId tenant, Query query) {
    return withoutEmails(inTenant(tenant, () -> log().page(query)));
  }

  private List<AuditEvent> pageAcross(Query query) {
    return withoutEmails(across(() -> log().page(query)));
  }

  private static List<AuditEvent> withoutEmails(List<AuditEvent> events) {
    return events.stream()
        .map(
            e ->
                new AuditEvent(
                    e.id(),
                    e.at(),
                    e.actor().map(a -> AuditActor.of(a.userId())),
                    e.action(),
                    e.tenantId(),
                    e.target(),
                    e.details(),
                    e.requestId()))
        .toList();
  }

  private static Query byActor(UserId actor, int limit) {
    return Query.all(limit).withActor(actor);
  }

  @Test
  public void an_event_reads_back_as_written_with_the_actors_email() {
    TenantId tenant = newTenant();
    User actor = newUserRow();
    AuditEvent written =
        new AuditEvent(
            UUID.randomUUID(),
            T0,
            Optional.of(AuditActor.of(actor.id())),
            "role.update",
            Optional.of(tenant),
            Map.of("roleId", UUID.randomUUID().toString()),
            Map.of(
                "name",
                "editors \"quoted\" \u00e9",
                "changed",
                true,
                "members",
                42L,
                "permissions",
                List.of("a.b", "c:d")),
            Optional.of("req-1"));

    appendIn(tenant, written);

    List<AuditEvent> read = inTenant(tenant, () -> log().page(Query.all(10)));
    assertThat(read)
        .containsExactly(
            new AuditEvent(
                written.id(),
                written.at(),
                Optional.of(new AuditActor(actor.id(), Optional.of(actor.email().value()))),
                written.action(),
                written.tenantId(),
                written.target(),
                written.details(),
                written.requestId()));
  }

  @Test
  public void an_event_without_actor_tenant_or_request_reads_back_so() {
    UserId target = newUser();
    AuditEvent written =
        new AuditEvent(
            UUID.randomUUID(),
            T0,
            Optional.empty(),
            "auth.login_failed",
            Optional.empty(),
            Map.of("userId", target.toString()),
            Map.of(),
            Optional.empty());
    appendAcross(written);

    Query failedLogins =
        Query.all(500).withAction("auth.login_failed").since(T0).until(T0.plusMillis(1));
    List<AuditEvent> read =
        pageAcross(failedLogins).stream().filter(e -> e.id().equals(written.id())).toList();
    assertThat(read).containsExactly(written);
  }

  @Test
  public void a_tenant_sees_its_own_events_only_and_across_tenants_sees_all() {
    TenantId mine = newTenant();
    TenantId other = newTenant();
    UserId actor = newUser();
    AuditEvent own = event(Optional.of(actor), "member.add", Optional.of(mine), T0);
    AuditEvent foreign = event(Optional.of(actor), "member.add", Optional.of(other), T0);
    AuditEvent system =
        event(Optional.of(actor), "auth.login", Optional.empty(), T0.plusSeconds(1));
    appendIn(mine, own);
    appendIn(other, foreign);
    appendAcross(system);

    assertThat(pageIn(mine, Query.all(100))).containsExactly(own);
    assertThat(pageIn(mine, byActor(actor, 100))).containsExactly(own);
    assertThat(pageAcross(byActor(actor, 100)).stream().map(AuditEvent::id))
        .containsExactlyInAnyOrder(own.id(), foreign.id(), system.id());
  }

  @Test
  public void a_tenant_cannot_write_another_tenants_or_a_system_event() {
    TenantId mine = newTenant();
    TenantId other = newTenant();
    UserId actor = newUser();

    assertThatThrownBy(
            () -> appendIn(mine, event(Optional.of(actor), "x.y", Optional.of(other), T0)))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> appendIn(mine, event(Optional.of(actor), "x.y", Optional.empty(), T0)))
        .isInstanceOf(RuntimeException.class);

    assertThat(pageAcross(byActor(actor, 100))).isEmpty();
  }

  @Test
  public void an_event_whose_transaction_rolls_back_is_not_kept() {
    TenantId tenant = newTenant();
    assertThatThrownInTenant(
            tenant,
            () -> {
              log().append(event(Optional.empty(), "role.create", Optional.of(tenant), T0));
              throw new IllegalStateException("the change fails after its event");
            })
        .hasMessageContaining("after its event");

    assertThat(pageIn(tenant, Query.all(10))).isEmpty();
  }

  @Test
  public void pages_run_newest_first_and_together_hold_every_event_once() {
    TenantId tenant = newTenant();
    List<AuditEvent> written = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Three share one instant: the id orders them, and no page boundary may lose one.
      Instant at = i < 3 ? T0 : T0.plusMillis(i);
      AuditEvent event = event(Optional.empty(), "role.grant", Optional.of(tenant), at);
      appendIn(tenant, event);
      written.add(event);
    }

    List<AuditEvent> seen = new ArrayList<>();
    Optional<After> after = Optional.empty();
    for (int pages = 0; pages < 10; pages++) {
      Query query = after.map(Query.all(2)::after).orElse(Query.all(2));
      List<AuditEvent> page = pageIn(tenant, query);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(2);
      seen.addAll(page);
      AuditEvent last = page.get(page.size() - 1);
      after = Optional.of(new After(last.at(), last.id()));
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).at()).isBeforeOrEqualTo(seen.get(i - 1).at());
    }
    assertThat(seen.subList(0, 4).stream().map(AuditEvent::at))
        .containsExactly(T0.plusMillis(6), T0.plusMillis(5), T0.plusMillis(4), T0.plusMillis(3));
  }

  @Test
  public void filters_by_tenant_action_actor_and_time() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    UserId alice = newUser();
    UserId bob = newUser();
    AuditEvent early = event(Optional.of(alice), "role.create", Optional.of(tenant), T0);
    AuditEvent middle =
        event(Optional.of(bob), "role.delete", Optional.of(tenant), T0.plusSeconds(10));
    AuditEvent late =
        event(Optional.of(alice), "role.delete", Optional.of(tenant), T0.plusSeconds(20));
    AuditEvent elsewhere =
        event(Optional.of(alice), "role.delete", Optional.of(other), T0.plusSeconds(10));
    appendIn(tenant, early);
    appendIn(tenant, middle);
    appendIn(tenant, late);
    appendIn(other, elsewhere);

    assertThat(page(tenant, Optional.of("role.delete"), Optional.empty(), null, null))
        .containsExactly(late, middle);
    assertThat(page(tenant, Optional.empty(), Optional.of(alice), null, null))
        .containsExactly(late, early);
    assertThat(page(tenant, Optional.empty(), Optional.empty(), T0.plusSeconds(10), null))
        .as("since is inclusive")
        .containsExactly(late, middle);
    assertThat(page(tenant, Optional.empty(), Optional.empty(), null, T0.plusSeconds(20)))
        .as("until is exclusive")
        .containsExactly(middle, early);
    Query otherTenant = Query.all(10).withTenant(other).withActor(alice);
    assertThat(pageAcross(otherTenant)).containsExactly(elsewhere);
  }

  private List<AuditEvent> page(
      TenantId tenant,
      Optional<String> action,
      Optional<UserId> actor,
      Instant since,
      Instant until) {
    Query query =
        new Query(
            Optional.empty(),
            action,
            actor,
            Optional.ofNullable(since),
            Optional.ofNullable(until),
            Optional.empty(),
            10);
    return pageIn(tenant, query);
  }

  @Test
  public void the_purge_forgets_what_is_older_than_the_cutoff_in_every_tenant() {
    // Long before any other test's events, so that purging them touches no one else's.
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    TenantId tenant = newTenant();
    UserId actor = newUser();
    AuditEvent oldInTenant = event(Optional.of(actor), "role.create", Optional.of(tenant), old);
    AuditEvent oldSystem =
        event(Optional.of(actor), "auth.login", Optional.empty(), old.plusSeconds(60));
    AuditEvent kept =
        event(Optional.of(actor), "auth.login", Optional.empty(), old.plus(Duration.ofDays(30)));
    appendIn(tenant, oldInTenant);
    appendAcross(oldSystem);
    appendAcross(kept);

    int purged = across(() -> log().purgeBefore(old.plus(Duration.ofDays(1))));

    assertThat(purged).isGreaterThanOrEqualTo(2);
    assertThat(pageAcross(byActor(actor, 10))).containsExactly(kept);
  }
}
