package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The public statement count ("database queries" of the metrics) counts exactly what runs through
 * the pool, on every thread, and nothing of the dedicated connections.
 */
class StatementsExecutedTest extends PostgresTestBase {

  @Test
  void counts_the_same_statements_as_an_independent_counter_at_the_jdbc_boundary() {
    TenantId tenant = newTenant();
    UserId user = newMemberHolding(tenant, newRole(tenant, "counted.read"));

    long before = db.statementsExecuted();
    statements.reset();
    db.effectivePermissions().of(tenant, user);

    // The row-level-security scope of its own transaction, then the query.
    assertThat(db.statementsExecuted() - before).isEqualTo(2);
    assertThat(statements.count()).isEqualTo(2);
  }

  @Test
  void counts_statements_of_every_thread() throws Exception {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    int calls = 24;

    long before = db.statementsExecuted();
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        done.add(threads.submit(() -> db.effectivePermissions().of(tenant, user)));
      }
      for (Future<?> call : done) {
        call.get();
      }
    }

    assertThat(db.statementsExecuted() - before).isEqualTo(2L * calls);
  }

  @Test
  void statements_on_a_dedicated_connection_are_not_counted() throws Exception {
    long before = db.statementsExecuted();
    try (Connection dedicated = db.openDedicatedConnection();
        Statement statement = dedicated.createStatement()) {
      statement.execute("SELECT 1");
      statement.executeQuery("SELECT 2").close();
    }

    assertThat(db.statementsExecuted()).isEqualTo(before);
  }
}
