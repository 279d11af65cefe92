package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.AuditLog;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The background purge against real PostgreSQL: with {@code WARDEN_AUDIT_RETENTION_DAYS=30}, a
 * purge 31 days on forgets the events of the first day in every tenant and the system-level ones,
 * and keeps those written since.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditRetentionTest {
  private static final Map<String, String> ENV =
      Map.of("WARDEN_AUDIT_RETENTION_DAYS", "30", "WARDEN_JWT_KEY_ROTATION_DAYS", "3650");

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private WardenInstance.Shared shared;
  private WardenInstance warden;
  private WardenClient client;

  @BeforeAll
  void start() {
    shared = WardenInstance.Shared.fresh();
    warden = WardenInstance.start(shared, ENV, clock);
    client = warden.client();
  }

  @AfterAll
  void stop() {
    if (warden != null) {
      warden.close();
    }
  }

  @Test
  void the_purge_forgets_what_is_older_than_the_retention_and_keeps_the_rest() {
    String root = client.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD);
    createTenant(root, "old-one");
    createTenant(root, "old-two");
    List<AuditEvent> firstDay = events();
    assertThat(firstDay).hasSizeGreaterThanOrEqualTo(3); // start-up admin, a login, two tenants

    clock.advance(Duration.ofDays(31));
    String later = client.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD);
    createTenant(later, "recent");
    AuditRetention retention =
        new AuditRetention(
            warden.components().useCases().audit(),
            WardenConfig.load(shared.environment(ENV)).auditRetention());

    int purged = retention.purge();

    assertThat(purged).isEqualTo(firstDay.size());
    List<AuditEvent> left = events();
    assertThat(left)
        .extracting(AuditEvent::action)
        .containsExactlyInAnyOrder("tenant.create", "auth.login");
    assertThat(left).allSatisfy(e -> assertThat(e.at()).isEqualTo(clock.instant()));
    assertThat(retention.purge()).as("nothing more to purge").isZero();
  }

  private void createTenant(String token, String slug) {
    assertThat(
            client
                .post("/api/admin/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"T\"}")
                .status())
        .isEqualTo(201);
  }

  /** Every event, behind the API's back (across tenants), newest first. */
  private List<AuditEvent> events() {
    var persistence = warden.components().persistence();
    return persistence
        .transactions()
        .acrossTenants(() -> persistence.auditLog().page(AuditLog.Query.all(1000)));
  }
}
