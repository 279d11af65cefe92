package io.warden.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.TenantTree;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbacEventTest {
  private static final TenantId T = TenantId.random();
  private static final TenantId OTHER_T = TenantId.random();
  private static final UserId U = UserId.random();
  private static final UserId OTHER_U = UserId.random();
  private static final RoleId R = RoleId.random();
  private static final OrganizationId O = OrganizationId.random();

  @Test
  void each_change_states_the_scope_it_makes_stale() {
    assertThat(new RbacEvent.RoleAssigned(T, U, R).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.RoleUnassigned(T, U, R).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.MemberAdded(T, U).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.MemberRemoved(T, U).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.RoleChanged(T, R).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.RoleChangedFor(T, R, U).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.RoleDeleted(T, R).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.TenantChanged(T).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.CacheFlushed(T).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.UserChanged(U).scope()).isEqualTo(new WholeUser(U));
    assertThat(new RbacEvent.SessionRevoked(U).scope()).isEqualTo(new WholeUser(U));
    assertThat(new RbacEvent.AllSessionsRevoked(U).scope()).isEqualTo(new WholeUser(U));
    assertThat(new RbacEvent.PermissionDeleted(new PermissionName("a.b")).scope())
        .isEqualTo(new Everything());
    assertThat(new RbacEvent.PermissionCreated(new PermissionName("a.b")).scope())
        .isEqualTo(new Everything());
    assertThat(new RbacEvent.TenantCreated(T).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.RoleCreated(T, R).scope()).isEqualTo(new WholeTenant(T));
    assertThat(new RbacEvent.UserCreated(U).scope()).isEqualTo(new WholeUser(U));
    assertThat(new RbacEvent.OrganizationTreeChanged(T, O).scope()).isEqualTo(new TenantTree(T));
    assertThat(new RbacEvent.OrganizationMembershipChanged(T, O, U).scope())
        .isEqualTo(new UserInTenant(T, U));
  }

  /** The names travel in change messages and metric labels: each one is pinned. */
  @Test
  void every_change_keeps_its_type_name() {
    PermissionName p = new PermissionName("a.b");
    Map<RbacEvent, String> names = new LinkedHashMap<>();
    names.put(new RbacEvent.TenantCreated(T), "tenant.created");
    names.put(new RbacEvent.TenantChanged(T), "tenant.changed");
    names.put(new RbacEvent.UserCreated(U), "user.created");
    names.put(new RbacEvent.UserChanged(U), "user.changed");
    names.put(new RbacEvent.SessionRevoked(U), "session.revoked");
    names.put(new RbacEvent.AllSessionsRevoked(U), "sessions.revoked");
    names.put(new RbacEvent.MemberAdded(T, U), "member.added");
    names.put(new RbacEvent.MemberRemoved(T, U), "member.removed");
    names.put(new RbacEvent.RoleCreated(T, R), "role.created");
    names.put(new RbacEvent.RoleChanged(T, R), "role.changed");
    names.put(new RbacEvent.RoleChangedFor(T, R, U), "role.changed");
    names.put(new RbacEvent.RoleDeleted(T, R), "role.deleted");
    names.put(new RbacEvent.RoleAssigned(T, U, R), "role.assigned");
    names.put(new RbacEvent.RoleUnassigned(T, U, R), "role.unassigned");
    names.put(new RbacEvent.CacheFlushed(T), "cache.flushed");
    names.put(new RbacEvent.PermissionCreated(p), "permission.created");
    names.put(new RbacEvent.PermissionDeleted(p), "permission.deleted");
    names.put(new RbacEvent.OrganizationTreeChanged(T, O), "organization.changed");
    names.put(new RbacEvent.OrganizationMembershipChanged(T, O, U), "organization.member.changed");
    names.forEach((event, name) -> assertThat(event.type()).as(event.toString()).isEqualTo(name));
    // Every event is in the table: a new one must be given its name here too.
    assertThat(events(RbacEvent.class)).isEqualTo(names.size());
  }

  /** The records below {@code type} in its sealed hierarchy. */
  private static int events(Class<?> type) {
    return type.isSealed()
        ? Arrays.stream(type.getPermittedSubclasses()).mapToInt(RbacEventTest::events).sum()
        : 1;
  }

  @Test
  void a_scope_covers_exactly_the_answers_it_names() {
    assertThat(new UserInTenant(T, U).covers(T, U)).isTrue();
    assertThat(new UserInTenant(T, U).covers(OTHER_T, U)).isFalse();
    assertThat(new UserInTenant(T, U).covers(T, OTHER_U)).isFalse();
    assertThat(new WholeTenant(T).covers(T, OTHER_U)).isTrue();
    assertThat(new WholeTenant(T).covers(OTHER_T, U)).isFalse();
    assertThat(new WholeUser(U).covers(OTHER_T, U)).isTrue();
    assertThat(new WholeUser(U).covers(T, OTHER_U)).isFalse();
    assertThat(new Everything().covers(OTHER_T, OTHER_U)).isTrue();
  }

  @Test
  void change_types_are_distinct_names() {
    assertThat(new RbacEvent.RoleAssigned(T, U, R).type()).isEqualTo("role.assigned");
    assertThat(new RbacEvent.RoleUnassigned(T, U, R).type()).isNotEqualTo("role.assigned");
  }
}
