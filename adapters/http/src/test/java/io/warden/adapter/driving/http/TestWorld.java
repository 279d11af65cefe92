package io.warden.adapter.driving.http;

import io.warden.adapter.driven.metrics.PrometheusMetrics;
import io.warden.adapter.driven.metrics.RecordedMetrics;
import io.warden.application.fake.FakeHealthProbe;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.DrivenPorts.Observation;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.service.ServiceSettings;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real services over the in-memory fakes, with two tenants and their people: {@code acme} (an
 * administrator, a plain member, an editor holding the demo {@code editor} role's kind of
 * permissions, and a "viewer" role) and {@code globex} (its own administrator), a user in both, and
 * the system administrator. Tokens are real ones issued by a login; one was issued long enough ago
 * to have expired.
 */
final class TestWorld {
  private final MutableClock clock = new MutableClock(InMemoryWarden.START);

  /** Real metrics and their Prometheus exposition, fed by the tests through {@link #metrics}. */
  final RecordedMetrics metrics = new RecordedMetrics(clock);

  /** The cache tiers of {@code /health/cache}, whose state a test sets. */
  final FakeHealthProbe l1 = new FakeHealthProbe("l1", false);

  final FakeHealthProbe l2 = new FakeHealthProbe("l2", false);

  /** The use cases as in production, measured and reported through the metrics and probes above. */
  final InMemoryWarden warden =
      new InMemoryWarden(
          clock,
          ServiceSettings.defaults(),
          new Observation(
              metrics, new PrometheusMetrics(metrics), () -> "closed", List.of(l1, l2)));

  final Tenant acme;
  final Tenant globex;
  final User acmeAdmin;
  final User acmeMember;
  final User acmeEditor;
  final User globexAdmin;
  final User inBoth;
  final Role acmeViewer;
  final Role acmeAdminRole;
  final Role globexAdminRole;

  /** Expired: issued before the clock moved past its lifetime. */
  final String expiredToken;

  /** Revoked: its session was logged out. */
  final String revokedToken;

  final String rootToken;
  final String acmeAdminToken;
  final String acmeMemberToken;
  final String acmeEditorToken;
  final String globexAdminToken;
  final String inBothToken;

  TestWorld() {
    acme = warden.createTenant("acme");
    globex = warden.createTenant("globex");
    acmeAdmin = warden.createUser("ada@acme.test");
    acmeMember = warden.createUser("max@acme.test");
    acmeEditor = warden.createUser("eddie@acme.test");
    globexAdmin = warden.createUser("gus@globex.test");
    inBoth = warden.createUser("bo@both.test");
    warden.addMember(acme, acmeAdmin, "admin");
    warden.addMember(acme, acmeMember);
    warden.addMember(globex, globexAdmin, "admin");
    warden.addMember(acme, inBoth);
    warden.addMember(globex, inBoth);
    acmeViewer =
        warden
            .roleAdministration()
            .create(
                warden.loginTo(acme, acmeAdmin.email().value()),
                new CreateRole("viewer", "Sees roles", List.of("roles.view")));
    warden
        .roleAdministration()
        .create(
            warden.loginTo(acme, acmeAdmin.email().value()),
            new CreateRole(
                "editor",
                "Edits and assigns roles",
                List.of("users.view", "roles.view", "roles.edit", "roles.assign")));
    warden.addMember(acme, acmeEditor, "editor");
    acmeAdminRole =
        warden.roleAdministration().list(warden.loginTo(acme, acmeAdmin.email().value())).stream()
            .filter(Role::system)
            .findFirst()
            .orElseThrow();
    globexAdminRole =
        warden.roleAdministration().list(warden.loginTo(globex, "gus@globex.test")).stream()
            .filter(Role::system)
            .findFirst()
            .orElseThrow();

    expiredToken = token("max@acme.test");
    warden.clock().advance(Duration.ofHours(1));

    rootToken = token(InMemoryWarden.ROOT_EMAIL);
    acmeAdminToken = token("ada@acme.test");
    acmeMemberToken = token("max@acme.test");
    acmeEditorToken = token("eddie@acme.test");
    globexAdminToken = token("gus@globex.test");
    inBothToken = token("bo@both.test");
    revokedToken = token("max@acme.test");
    warden.logout().logout(warden.caller(revokedToken));
  }

  /** Every audit event committed so far, newest first, whatever the tenant. */
  List<AuditEvent> auditEvents() {
    return warden.auditLog().all();
  }

  DrivingPorts useCases() {
    return warden.useCases();
  }

  /** A fresh access token of a login (tenant-scoped when the user has exactly one tenant). */
  String token(String email) {
    return tokens(email).accessToken();
  }

  TokenPair tokens(String email) {
    return warden.loginResult(email).tokens();
  }

  /**
   * What a request could have changed: the journal (every committed change is journaled) and the
   * roles, members and permission definitions as the API shows them. The reads also prove that the
   * fixture tokens still work.
   */
  String snapshot(ApiClient api) {
    List<String> parts = new ArrayList<>();
    parts.add("journal=" + warden.store().journal().size());
    parts.add("version=" + warden.store().version());
    // A refused change writes no audit event; only a failed login is audited on its own.
    parts.add(
        "audit="
            + warden.auditLog().all().stream()
                .filter(e -> !e.action().equals("auth.login_failed"))
                .count());
    for (String token : List.of(acmeAdminToken, globexAdminToken)) {
      parts.add(read(api, "/api/roles", token));
      parts.add(read(api, "/api/members?limit=500", token));
    }
    parts.add(read(api, "/api/admin/permissions", rootToken));
    return String.join("\n", parts);
  }

  private static String read(ApiClient api, String path, String token) {
    ApiClient.Reply reply = api.get(path, token);
    if (reply.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + reply);
    }
    return reply.body();
  }
}
