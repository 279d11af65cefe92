package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.bootstrap.cache.CheckPath.Outcome;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An instance that loses its {@code LISTEN} connection, with no second channel to vouch for it
 * ({@code WARDEN_CACHE_WITNESS_MAX_MS=0}; the case with one is {@link DatabaseOutageTest}), may
 * miss changes: while it is away the feed is not live, {@code /health} says DEGRADED with
 * invalidation DOWN and L1 serves nothing older than the staleness bound; it reconnects by itself,
 * evicts what it missed, read from the change log (so a change made elsewhere while it was away is
 * seen even by an entry it still held) and is UP again. The connection is really lost: its backend
 * is terminated, and new connections are refused until the test lets the listener back in.
 */
class ListenConnectionDropTest {
  private static final Duration STALENESS_BOUND = Duration.ofMillis(300);
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int POOL_SIZE = 8;

  @Test
  void a_lost_listen_connection_degrades_bounds_staleness_and_recovers_with_a_flush() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> env =
        Map.of(
            "WARDEN_RATE_API_PER_MINUTE",
            "100000000",
            "WARDEN_DB_POOL_SIZE",
            Integer.toString(POOL_SIZE),
            "WARDEN_CACHE_STALENESS_BOUND_MS",
            Long.toString(STALENESS_BOUND.toMillis()),
            "WARDEN_CACHE_WITNESS_MAX_MS",
            "0");
    try (WardenInstance observed = WardenInstance.start(shared, env);
        WardenInstance writer = WardenInstance.start(shared, env);
        DatabaseGate gate = new DatabaseGate(shared.database())) {
      WardenClient client = observed.client();
      PostgresInvalidationListener listener = observed.components().listener();
      Operator operator = new Operator(writer.client());
      Operator.Tenant tenant = operator.newTenant();
      String permission = operator.newPermission("listen");
      Operator.Role checkedWhileAway = operator.newRole(tenant, permission);
      Operator.Role checkedAfterReturn = operator.newRole(tenant, permission);
      String first = Operator.login(client, operator.newMember(tenant, checkedWhileAway));
      String second = Operator.login(client, operator.newMember(tenant, checkedAfterReturn));
      String loggingOut = Operator.login(client, operator.newMember(tenant, checkedAfterReturn));
      assertThat(CheckPath.SINGLE.ask(client, first, permission)).isEqualTo(Outcome.ALLOWED);
      assertThat(CheckPath.SINGLE.ask(client, loggingOut, permission)).isEqualTo(Outcome.ALLOWED);
      // The entries' loads began before this answer came: from here on, their age is at least this.
      long firstLoadBegunBy = System.nanoTime();
      assertThat(CheckPath.SINGLE.ask(client, second, permission)).isEqualTo(Outcome.ALLOWED);
      assertThat(health(client).getString("status")).isEqualTo("UP");
      long connections = listener.connections();
      // Both pools full: requests and changes keep working while new connections are refused.
      gate.awaitConnections("warden", 2 * POOL_SIZE, DEADLINE);

      gate.refuseNewConnections();
      gate.terminate(listener.backendPid());

      Poll.until(DEADLINE, "the feed is no longer live", () -> !listener.live());
      JsonObject degraded = health(client);
      assertThat(degraded.getString("status")).isEqualTo("DEGRADED");
      assertThat(check(degraded, "invalidation").getString("status")).isEqualTo("DOWN");
      assertThat(check(degraded, "database").getString("status")).isEqualTo("UP");
      assertThat(check(degraded, "redis").getString("status")).isEqualTo("UP");

      // Changes made elsewhere: their messages cannot reach the observed instance.
      operator.revoke(tenant, checkedWhileAway, permission);
      operator.revoke(tenant, checkedAfterReturn, permission);
      operator.logout(loggingOut);

      // Every entry older than the bound is passed over, so the first member's next check (past
      // the bound since its entry was loaded) must come from Redis or PostgreSQL. A younger entry
      // may still be served: the bound is the promise, not zero.
      Poll.until(
          DEADLINE,
          "the entries are older than the staleness bound",
          () -> System.nanoTime() - firstLoadBegunBy > STALENESS_BOUND.toNanos());
      for (CheckPath path : CheckPath.values()) {
        assertThat(path.ask(client, first, permission))
            .as("%s while the feed is down", path)
            .isEqualTo(Outcome.NOT_ALLOWED);
      }
      assertThat(CheckPath.SINGLE.ask(client, loggingOut, permission))
          .as("a token logged out elsewhere while the feed is down")
          .isEqualTo(Outcome.REJECTED);
      assertThat(listener.live()).as("still away").isFalse();
      assertThat(listener.connections()).isEqualTo(connections);

      gate.allowNewConnections();

      Poll.until(DEADLINE, "the feed is live again", listener::live);
      assertThat(listener.connections()).isGreaterThan(connections);
      // The second member's entry, loaded before the drop and never asked for since, is still in
      // L1; only the reconciliation on reconnection keeps it from being served now that the feed
      // is live.
      assertThat(CheckPath.SINGLE.ask(client, second, permission)).isEqualTo(Outcome.NOT_ALLOWED);
      Poll.until(
          DEADLINE, "/health is UP again", () -> health(client).getString("status").equals("UP"));
      assertThat(check(health(client), "invalidation").getString("status")).isEqualTo("UP");

      // And messages flow again.
      operator.grant(tenant, checkedWhileAway, permission);
      Poll.until(
          DEADLINE,
          "the grant reaches the observed instance",
          () -> CheckPath.SINGLE.ask(client, first, permission) == Outcome.ALLOWED);
    }
  }

  private static JsonObject health(WardenClient client) {
    WardenClient.Response response = client.get("/health", null);
    assertThat(response.status())
        .as("a lost feed degrades, it does not take the service down")
        .isEqualTo(200);
    return response.json();
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonObject("checks").getJsonObject(name);
  }
}
