package io.warden.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.PermissionSet;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {
  private final PermissionSet held = PermissionSet.of("users.view");

  @Test
  void a_held_permission_is_allowed() {
    assertThat(PermissionPolicy.decide(held, "users.view")).isEqualTo(new AccessDecision.Allowed());
  }

  @Test
  void anything_else_is_a_denial_value_with_its_reason() {
    AccessDecision notHeld = PermissionPolicy.decide(held, "users.manage");
    AccessDecision undefined = PermissionPolicy.decide(held, "nobody.ever.defined.this");
    AccessDecision malformed = PermissionPolicy.decide(held, "Users View");

    assertThat(notHeld.allowed()).isFalse();
    assertThat(undefined).isEqualTo(new AccessDecision.Denied(PermissionPolicy.NOT_GRANTED));
    assertThat(malformed).isInstanceOf(AccessDecision.Denied.class);
    assertThat(((AccessDecision.Denied) malformed).reason()).contains("not a permission name");
  }
}
