package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No lost updates on users and tenants, through the services over HTTP against real PostgreSQL:
 * another writer (played by the test's own connection, as another instance would) has changed a
 * user or tenant row and not committed yet; a request that changes the same row must wait for it,
 * and once both committed, neither change is lost. A read-modify-write of the whole row would have
 * read the old row before waiting and written it back. Then threads race every kind of change.
 */
class NoLostUpdatesTest extends OneWardenTest {
  private static final long GUARD_SECONDS = 120;

  private ExecutorService threads;

  @BeforeAll
  void start() {
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  void stop() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  @Test
  void a_logout_all_waiting_behind_a_password_change_and_deactivation_keeps_both()
      throws Exception {
    Account user = api.createUser("logout");
    String token = api.token(user);

    Response answer =
        behindAnUncommittedChange(
            "UPDATE users SET password_hash = 'changed-elsewhere', active = false WHERE id = ?",
            user.id(),
            () -> api.postEmpty("/api/auth/logout-all", token));

    expect(answer, 204);
    assertThat(text("SELECT password_hash FROM users WHERE id = ?", user.id()))
        .isEqualTo("changed-elsewhere");
    assertThat(text("SELECT active::text FROM users WHERE id = ?", user.id())).isEqualTo("false");
  }

  @Test
  void a_profile_edit_waiting_behind_a_deactivation_does_not_reactivate_the_user()
      throws Exception {
    Account user = api.createUser("profile");

    Response answer =
        behindAnUncommittedChange(
            "UPDATE users SET active = false WHERE id = ?",
            user.id(),
            () ->
                client.patch(
                    "/api/admin/users/" + user.id(),
                    api.adminToken(),
                    json("displayName", "Edited")));

    expect(answer, 200);
    assertThat(text("SELECT active::text FROM users WHERE id = ?", user.id())).isEqualTo("false");
    assertThat(text("SELECT display_name FROM users WHERE id = ?", user.id())).isEqualTo("Edited");
    WardenApi.assertProblem(client.login(user.email(), user.password()), 401);
  }

  @Test
  void a_password_change_waiting_behind_a_logout_all_keeps_its_later_instant() throws Exception {
    Account user = api.createUser("password");
    OffsetDateTime later = OffsetDateTime.now().plusDays(1).truncatedTo(ChronoUnit.SECONDS);

    Response answer =
        behindAnUncommittedChange(
            "UPDATE users SET tokens_valid_after = '" + later + "' WHERE id = ?",
            user.id(),
            () ->
                client.patch(
                    "/api/admin/users/" + user.id(),
                    api.adminToken(),
                    json("password", "a-brand-new-password")));

    expect(answer, 200);
    assertThat(
            Instant.parse(
                text(
                    "SELECT to_char(tokens_valid_after AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM users WHERE id = ?",
                    user.id())))
        .isEqualTo(later.toInstant());
    expect(client.login(user.email(), "a-brand-new-password"), 200);
  }

  @Test
  void a_tenant_rename_waiting_behind_a_deactivation_does_not_reactivate_it() throws Exception {
    String tenant = api.createTenant("rename").getString("id");

    Response answer =
        behindAnUncommittedChange(
            "UPDATE tenants SET active = false WHERE id = ?",
            tenant,
            () ->
                client.patch(
                    "/api/admin/tenants/" + tenant, api.adminToken(), json("name", "Renamed")));

    expect(answer, 200);
    assertThat(text("SELECT active::text FROM tenants WHERE id = ?", tenant)).isEqualTo("false");
    assertThat(text("SELECT name FROM tenants WHERE id = ?", tenant)).isEqualTo("Renamed");
  }

  @Test
  void racing_logout_alls_password_changes_profile_edits_and_a_deactivation_lose_nothing()
      throws Exception {
    Account user = api.createUser("racer");
    DrivingPorts useCases = warden.components().useCases();
    // The caller as its token proved it once: logout-all is then called again and again at the
    // service, as many requests of the user racing each other would.
    Caller caller =
        ((Authentication.Authenticated)
                useCases.requestAuthentication().authenticate(api.token(user)))
            .caller();
    int passwords = 8;
    int rounds = 60;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> racers = new ArrayList<>();
    racers.add(
        threads.submit(
            () -> {
              await(go);
              for (int i = 1; i <= passwords; i++) {
                expect(
                    client.patch(
                        "/api/admin/users/" + user.id(),
                        api.adminToken(),
                        json("password", "racing-password-" + i)),
                    200);
              }
            }));
    racers.add(
        threads.submit(
            () -> {
              await(go);
              for (int i = 0; i < rounds; i++) {
                useCases.logout().logoutAll(caller);
              }
            }));
    racers.add(
        threads.submit(
            () -> {
              await(go);
              for (int i = 1; i <= rounds; i++) {
                expect(
                    client.patch(
                        "/api/admin/users/" + user.id(),
                        api.adminToken(),
                        json("displayName", "Racer " + i)),
                    200);
                if (i == rounds / 2) {
                  expect(
                      client.patch(
                          "/api/admin/users/" + user.id(), api.adminToken(), json("active", false)),
                      200);
                }
              }
            }));
    go.countDown();
    for (Future<?> racer : racers) {
      racer.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    assertThat(text("SELECT active::text FROM users WHERE id = ?", user.id())).isEqualTo("false");
    assertThat(text("SELECT display_name FROM users WHERE id = ?", user.id()))
        .isEqualTo("Racer " + rounds);
    expect(
        client.patch("/api/admin/users/" + user.id(), api.adminToken(), json("active", true)), 200);
    expect(client.login(user.email(), "racing-password-" + passwords), 200);
    WardenApi.assertProblem(client.login(user.email(), "racing-password-" + (passwords - 1)), 401);
    WardenApi.assertProblem(client.login(user.email(), user.password()), 401);
  }

  /**
   * Holds {@code sql} (one row, by id) uncommitted on a connection of its own, starts {@code
   * request}, waits until PostgreSQL shows it waiting for the row lock, commits, and returns the
   * request's answer.
   */
  private Response behindAnUncommittedChange(String sql, String id, Callable<Response> request)
      throws Exception {
    try (Connection other = shared.database().connectAsAdmin()) {
      other.setAutoCommit(false);
      try (PreparedStatement change = other.prepareStatement(sql)) {
        change.setObject(1, UUID.fromString(id));
        assertThat(change.executeUpdate()).isEqualTo(1);
      }
      long waitingBefore = lockWaiters();
      Future<Response> answer = threads.submit(request);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
      while (lockWaiters() <= waitingBefore) {
        if (answer.isDone()) {
          throw new AssertionError("the request did not wait for the row lock: " + answer.get());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the request never waited for the row lock");
        }
        Thread.sleep(5);
      }
      other.commit();
      return answer.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }
  }

  private long lockWaiters() throws SQLException {
    return Long.parseLong(
        text(
            "SELECT count(*)::text FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'",
            null));
  }

  /** One text value, read as the superuser behind Warden's back. */
  private String text(String sql, String id) throws SQLException {
    try (Connection db = shared.database().connectAsAdmin();
        PreparedStatement query = db.prepareStatement(sql)) {
      if (id != null) {
        query.setObject(1, UUID.fromString(id));
      }
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never started");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
