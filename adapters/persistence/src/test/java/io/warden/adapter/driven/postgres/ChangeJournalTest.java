package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the change journal: the message's payload, consecutive versions
 * stamped on the changed rows; "announced if and only if committed" is the port's contract, run in
 * {@link PostgresStorageContractTest}.
 */
class ChangeJournalTest extends PostgresTestBase {
  private NotificationListener listener;

  @BeforeEach
  void listen() throws SQLException {
    listener = new NotificationListener(db);
  }

  @AfterEach
  void stopListening() throws SQLException {
    listener.close();
  }

  private long record(TenantId tenant, RbacEvent event) {
    return inTenant(tenant, () -> db.changeJournal().record(event));
  }

  private long recordAcross(RbacEvent event) {
    return across(() -> db.changeJournal().record(event));
  }

  @Test
  void a_committed_change_sends_exactly_this_payload() throws SQLException {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "journal.test");
    UserId user = newMemberHolding(tenant, role);

    long before = System.currentTimeMillis();
    long version = record(tenant, new RbacEvent.RoleAssigned(tenant, user, role.id()));
    long after = System.currentTimeMillis();

    String payload = listener.next();
    // The journal stamps the message with the writer's wall clock, as its last field.
    java.util.regex.Matcher at =
        java.util.regex.Pattern.compile(",\"at\":(\\d+)}$").matcher(payload);
    assertThat(at.find()).as(payload).isTrue();
    assertThat(Long.parseLong(at.group(1))).isBetween(before, after);
    assertThat(payload.substring(0, at.start()) + "}")
        .isEqualTo(
            "{\"v\":"
                + version
                + ",\"type\":\"role.assigned\",\"scope\":\"user_in_tenant\",\"tenantId\":\""
                + tenant
                + "\",\"userId\":\""
                + user
                + "\"}");
  }

  @Test
  void the_message_is_sent_and_stamped_after_the_rest_of_its_transaction() throws SQLException {
    TenantId tenant = newTenant();
    long[] workDone = new long[1];
    long version =
        inTenant(
            tenant,
            () -> {
              long recorded = db.changeJournal().record(new RbacEvent.TenantChanged(tenant));
              // The rest of the change after its journal entry (an audit event, the beacon): a
              // wait the stamp must not come before.
              long until = System.currentTimeMillis() + 30;
              while (System.currentTimeMillis() < until) {
                Thread.onSpinWait();
              }
              workDone[0] = System.currentTimeMillis();
              return recorded;
            });

    InvalidationMessage message = InvalidationMessage.parse(listener.next());
    assertThat(message.version()).isEqualTo(version);
    // Stamped when sent, as the transaction's last statement: the listener's revocation latency
    // starts at the commit, not at the journal call.
    assertThat(message.journaledAtMillis()).isGreaterThanOrEqualTo(workDone[0]);
  }

  @Test
  void a_rolled_back_change_sends_nothing_and_spends_no_version() throws SQLException {
    TenantId tenant = newTenant();
    long before = db.dataVersion();

    changeThatFailsAfterJournaling(tenant);
    long marker = recordAcross(new RbacEvent.PermissionCreated(new PermissionName("marker.one")));

    // Notifications arrive in commit order: had the rolled-back one been sent, it came first.
    InvalidationMessage first = InvalidationMessage.parse(listener.next());
    assertThat(first.type()).isEqualTo("permission.created");
    assertThat(first.version()).isEqualTo(marker).isEqualTo(before + 1);
  }

  @Test
  void every_event_type_announces_its_scope() throws SQLException {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "journal.scope");
    UserId user = newMemberHolding(tenant, role);
    RoleId roleId = role.id();
    PermissionName permission = new PermissionName("journal.scope");
    Map<RbacEvent, String> expected = new LinkedHashMap<>();
    expected.put(new RbacEvent.TenantCreated(tenant), "tenant");
    expected.put(new RbacEvent.TenantChanged(tenant), "tenant");
    expected.put(new RbacEvent.UserCreated(user), "user");
    expected.put(new RbacEvent.UserChanged(user), "user");
    expected.put(new RbacEvent.SessionRevoked(user), "user");
    expected.put(new RbacEvent.AllSessionsRevoked(user), "user");
    expected.put(new RbacEvent.MemberAdded(tenant, user), "user_in_tenant");
    expected.put(new RbacEvent.MemberRemoved(tenant, user), "user_in_tenant");
    expected.put(new RbacEvent.RoleCreated(tenant, roleId), "tenant");
    expected.put(new RbacEvent.RoleChanged(tenant, roleId), "tenant");
    expected.put(new RbacEvent.RoleChangedFor(tenant, roleId, user), "user_in_tenant");
    expected.put(new RbacEvent.RoleDeleted(tenant, roleId), "tenant");
    expected.put(new RbacEvent.RoleAssigned(tenant, user, roleId), "user_in_tenant");
    expected.put(new RbacEvent.RoleUnassigned(tenant, user, roleId), "user_in_tenant");
    expected.put(new RbacEvent.CacheFlushed(tenant), "tenant");
    expected.put(new RbacEvent.PermissionCreated(permission), "everything");
    expected.put(new RbacEvent.PermissionDeleted(permission), "everything");
    OrganizationId organization = OrganizationId.random();
    expected.put(new RbacEvent.OrganizationTreeChanged(tenant, organization), "tenant_tree");
    expected.put(
        new RbacEvent.OrganizationMembershipChanged(tenant, organization, user), "user_in_tenant");

    List<Long> versions = new ArrayList<>();
    for (RbacEvent event : expected.keySet()) {
      versions.add(record(tenant, event));
    }
    List<String> payloads = listener.next(expected.size());

    int i = 0;
    for (Map.Entry<RbacEvent, String> entry : expected.entrySet()) {
      RbacEvent event = entry.getKey();
      String payload = payloads.get(i);
      assertThat(payload).contains("\"scope\":\"" + entry.getValue() + "\"");
      InvalidationMessage parsed = InvalidationMessage.parse(payload);
      assertThat(parsed)
          .usingRecursiveComparison()
          .ignoringFields("journaledAtMillis")
          .isEqualTo(new InvalidationMessage(versions.get(i), event.type(), event.scope()));
      // Every journaled message says when it was journaled (the revocation-latency histogram).
      assertThat(parsed.journaledAtMillis()).isPositive();
      assertThat(payload.contains("tenantId"))
          .isEqualTo(
              event.scope() instanceof InvalidationScope.WholeTenant
                  || event.scope() instanceof InvalidationScope.UserInTenant
                  || event.scope() instanceof InvalidationScope.TenantTree);
      assertThat(payload.contains("userId"))
          .isEqualTo(
              event.scope() instanceof InvalidationScope.WholeUser
                  || event.scope() instanceof InvalidationScope.UserInTenant);
      i++;
    }
  }

  @Test
  void each_change_advances_the_version_by_one_and_stamps_it_on_the_changed_row() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "journal.stamp");
    UserId user = newMemberHolding(tenant, role);
    long start = db.dataVersion();

    long tenantVersion = record(tenant, new RbacEvent.TenantChanged(tenant));
    long userVersion = recordAcross(new RbacEvent.UserChanged(user));
    long memberVersion = record(tenant, new RbacEvent.MemberAdded(tenant, user));
    long roleVersion = record(tenant, new RbacEvent.RoleChanged(tenant, role.id()));
    long assignmentVersion = record(tenant, new RbacEvent.RoleAssigned(tenant, user, role.id()));

    assertThat(List.of(tenantVersion, userVersion, memberVersion, roleVersion, assignmentVersion))
        .containsExactly(start + 1, start + 2, start + 3, start + 4, start + 5);
    assertThat(db.dataVersion()).isEqualTo(start + 5);
    assertThat(adminCount("SELECT version FROM tenants WHERE id = '" + tenant + "'"))
        .isEqualTo(tenantVersion);
    assertThat(adminCount("SELECT version FROM users WHERE id = '" + user + "'"))
        .isEqualTo(userVersion);
    assertThat(
            adminCount(
                "SELECT version FROM memberships WHERE tenant_id = '"
                    + tenant
                    + "' AND user_id = '"
                    + user
                    + "'"))
        .isEqualTo(memberVersion);
    assertThat(adminCount("SELECT version FROM roles WHERE id = '" + role.id() + "'"))
        .isEqualTo(roleVersion);
    assertThat(
            adminCount(
                "SELECT version FROM user_roles WHERE role_id = '"
                    + role.id()
                    + "' AND user_id = '"
                    + user
                    + "'"))
        .isEqualTo(assignmentVersion);
  }
}
