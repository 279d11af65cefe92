package io.warden.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import org.junit.jupiter.api.Test;

class RbacEventTest {
  private static final TenantId T = TenantId.random();
  private static final TenantId OTHER_T = TenantId.random();
  private static final UserId U = UserId.random();
  private static final UserId OTHER_U = UserId.random();
  private static final RoleId R = RoleId.random();

  @Test
  void each_change_states_the_scope_it_makes_stale() {
    assertThat(new RbacEvent.RoleAssigned(T, U, R).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.RoleUnassigned(T, U, R).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.MemberAdded(T, U).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.MemberRemoved(T, U).scope()).isEqualTo(new UserInTenant(T, U));
    assertThat(new RbacEvent.RoleChanged(T, R).scope()).isEqualTo(new WholeTenant(T));
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
