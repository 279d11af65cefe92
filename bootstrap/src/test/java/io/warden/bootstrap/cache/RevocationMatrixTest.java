package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.cache.CheckPath.Outcome;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change × every way of asking × every tier the old answer could come from × both
 * instances of a two-instance service: the writing instance answers the new state on the very next
 * request, the other one within the staleness bound. Each case builds its own tenant, permission,
 * role and member, so no case can see another's cache entries; the two instances are shared.
 *
 * <p>"Served from" is the state of the observing instance just before the change: {@code L1_HIT}
 * (it answered the same question already), {@code L2_HIT} (the other instance did, so Redis holds
 * the answer and the observer's L1 does not) or {@code COLD} (no one asked). The latency until the
 * second instance answers the new state is recorded and printed, but only the generous {@link
 * #PROPAGATION_DEADLINE} is asserted: a lost invalidation would leave the old answer in place for
 * the 10-minute safety-net TTL, far beyond it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationMatrixTest {
  /** The staleness bound of both instances (the default). */
  private static final Duration STALENESS_BOUND = Duration.ofSeconds(1);

  /** Several staleness bounds: room for a loaded machine, far below any TTL. */
  private static final Duration PROPAGATION_DEADLINE = STALENESS_BOUND.multipliedBy(5);

  private WardenInstance writer;
  private WardenInstance second;
  private Operator operator;
  private final Map<Change, List<Long>> latenciesMicros = new EnumMap<>(Change.class);

  /** A change and what a client holding the permission (or not) learns before and after it. */
  enum Change {
    GRANT(Outcome.NOT_ALLOWED, Outcome.ALLOWED),
    REVOKE(Outcome.ALLOWED, Outcome.NOT_ALLOWED),
    ASSIGN(Outcome.NOT_ALLOWED, Outcome.ALLOWED),
    UNASSIGN(Outcome.ALLOWED, Outcome.NOT_ALLOWED),
    ROLE_DELETE(Outcome.ALLOWED, Outcome.NOT_ALLOWED),
    PERMISSION_DELETE(Outcome.ALLOWED, Outcome.NOT_ALLOWED),
    MEMBER_REMOVAL(Outcome.ALLOWED, Outcome.REJECTED),
    USER_DEACTIVATION(Outcome.ALLOWED, Outcome.REJECTED),
    TENANT_DEACTIVATION(Outcome.ALLOWED, Outcome.REJECTED),
    LOGOUT(Outcome.ALLOWED, Outcome.REJECTED),
    LOGOUT_ALL(Outcome.ALLOWED, Outcome.REJECTED),
    PASSWORD_CHANGE(Outcome.ALLOWED, Outcome.REJECTED);

    final Outcome before;
    final Outcome after;

    Change(Outcome before, Outcome after) {
      this.before = before;
      this.after = after;
    }
  }

  /** Where the observing instance would find the old answer just before the change. */
  enum ServedFrom {
    L1_HIT,
    L2_HIT,
    COLD
  }

  /** Which instance is watched after the change (the change is always made on the writer). */
  enum Observer {
    WRITER,
    SECOND
  }

  @BeforeAll
  void startTwoInstances() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> env =
        Map.of(
            "WARDEN_RATE_API_PER_MINUTE", "100000000",
            "WARDEN_RATE_AUTH_PER_15_MINUTES", "100000000",
            "WARDEN_CACHE_STALENESS_BOUND_MS", Long.toString(STALENESS_BOUND.toMillis()));
    writer = WardenInstance.start(shared, env);
    second = WardenInstance.start(shared, env);
    operator = new Operator(writer.client());
  }

  @AfterAll
  void stopAndReport() {
    StringBuilder report =
        new StringBuilder(
            "Revocation latency on the second instance, from the change's answer to the first answer"
                + " showing it:\n");
    latenciesMicros.forEach(
        (change, micros) -> {
          List<Long> sorted = micros.stream().sorted(Comparator.naturalOrder()).toList();
          report.append(
              String.format(
                  "  %-20s n=%2d  median %6.1f ms  max %6.1f ms%n",
                  change,
                  sorted.size(),
                  sorted.get(sorted.size() / 2) / 1000.0,
                  sorted.get(sorted.size() - 1) / 1000.0));
        });
    System.out.print(report);
    if (second != null) {
      second.close();
    }
    if (writer != null) {
      writer.close();
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Change change : Change.values()) {
      for (CheckPath path : CheckPath.values()) {
        for (ServedFrom servedFrom : ServedFrom.values()) {
          for (Observer observer : Observer.values()) {
            cases.add(Arguments.of(change, path, servedFrom, observer));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} via {1}, old answer in {2}, seen by the {3}")
  @MethodSource("cases")
  void the_change_is_seen_by_the_writer_at_once_and_by_the_other_instance_within_the_bound(
      Change change, CheckPath path, ServedFrom servedFrom, Observer observer) {
    Case subject = newCase(change);
    WardenClient watched = observer == Observer.WRITER ? writer.client() : second.client();
    WardenClient other = observer == Observer.WRITER ? second.client() : writer.client();
    assertThat(heldInDatabase(subject)).isEqualTo(change.before == Outcome.ALLOWED);
    switch (servedFrom) {
      case L1_HIT ->
          assertThat(path.ask(watched, subject.token(), subject.permission()))
              .isEqualTo(change.before);
      case L2_HIT ->
          assertThat(path.ask(other, subject.token(), subject.permission()))
              .isEqualTo(change.before);
      case COLD -> {}
    }

    apply(change, subject);
    long changed = System.nanoTime();

    if (observer == Observer.WRITER) {
      assertThat(path.ask(watched, subject.token(), subject.permission()))
          .as("the writer's next answer")
          .isEqualTo(change.after);
    } else {
      long latency = awaitOutcome(watched, path, subject, change.after, changed);
      synchronized (latenciesMicros) {
        latenciesMicros
            .computeIfAbsent(change, c -> new ArrayList<>())
            .add(TimeUnit.NANOSECONDS.toMicros(latency));
      }
    }
    // Once seen, the new state stays: nothing refills a cache with the old answer.
    assertThat(path.ask(watched, subject.token(), subject.permission())).isEqualTo(change.after);
    if (observer == Observer.WRITER) {
      // The second instance has not been waited for yet: it owes the change within the bound,
      // not at once (its L1 may still hold the old answer until the change's message arrives).
      awaitOutcome(other, path, subject, change.after, changed);
    }
    assertThat(path.ask(other, subject.token(), subject.permission())).isEqualTo(change.after);
  }

  /** One case's own data: nothing in it is shared with any other case. */
  private record Case(
      Operator.Tenant tenant,
      String permission,
      Operator.Role role,
      Operator.Member member,
      String token,
      String otherSessionToken) {}

  private Case newCase(Change change) {
    Operator.Tenant tenant = operator.newTenant();
    String permission = operator.newPermission("matrix");
    Operator.Role role =
        change == Change.GRANT ? operator.newRole(tenant) : operator.newRole(tenant, permission);
    Operator.Member member =
        change == Change.ASSIGN ? operator.newMember(tenant) : operator.newMember(tenant, role);
    String token = Operator.login(writer.client(), member);
    // Logout-all is sent from another session: every session of the user must end, not just one.
    String otherSession =
        change == Change.LOGOUT_ALL ? Operator.login(writer.client(), member) : null;
    return new Case(tenant, permission, role, member, token, otherSession);
  }

  private void apply(Change change, Case subject) {
    switch (change) {
      case GRANT -> operator.grant(subject.tenant(), subject.role(), subject.permission());
      case REVOKE -> operator.revoke(subject.tenant(), subject.role(), subject.permission());
      case ASSIGN -> operator.assign(subject.tenant(), subject.role(), subject.member().id());
      case UNASSIGN -> operator.unassign(subject.tenant(), subject.role(), subject.member().id());
      case ROLE_DELETE -> operator.deleteRole(subject.tenant(), subject.role());
      case PERMISSION_DELETE -> operator.deletePermission(subject.permission());
      case MEMBER_REMOVAL -> operator.removeMember(subject.tenant(), subject.member().id());
      case USER_DEACTIVATION -> operator.deactivateUser(subject.member().id());
      case TENANT_DEACTIVATION -> operator.deactivateTenant(subject.tenant());
      case LOGOUT -> operator.logout(subject.token());
      case LOGOUT_ALL -> operator.logoutAll(subject.otherSessionToken());
      case PASSWORD_CHANGE -> operator.changePassword(subject.member().id());
    }
  }

  /** Whether the database itself (no cache) says the member holds the permission. */
  private boolean heldInDatabase(Case subject) {
    return writer
        .components()
        .persistence()
        .effectivePermissions()
        .of(
            TenantId.parse(subject.tenant().id(), "tenant"),
            UserId.parse(subject.member().id(), "user"))
        .permissions()
        .allows(subject.permission());
  }

  /** Asks until the answer is {@code expected}; returns how long after the change it came. */
  private static long awaitOutcome(
      WardenClient client, CheckPath path, Case subject, Outcome expected, long changed) {
    long deadline = changed + PROPAGATION_DEADLINE.toNanos();
    List<Outcome> seen = new ArrayList<>();
    while (true) {
      long asked = System.nanoTime();
      Outcome outcome = path.ask(client, subject.token(), subject.permission());
      if (outcome == expected) {
        // Measured at the answer: an upper bound that includes the request itself.
        return System.nanoTime() - changed;
      }
      seen.add(outcome);
      if (asked > deadline) {
        throw new AssertionError(
            "the second instance still answered "
                + outcome
                + " "
                + PROPAGATION_DEADLINE
                + " after the change (answers: "
                + seen
                + ")");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
