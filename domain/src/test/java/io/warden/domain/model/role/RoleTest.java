package io.warden.domain.model.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
  private static final TenantId TENANT = TenantId.random();

  @Test
  void permissions_are_sorted_and_immutable() {
    Role role =
        Role.create(
            TENANT,
            "editor",
            null,
            Set.of(new PermissionName("roles.edit"), new PermissionName("docs.read")));

    assertThat(role.permissions())
        .containsExactly(new PermissionName("docs.read"), new PermissionName("roles.edit"));
    assertThat(role.description()).isEmpty();
    assertThat(role.system()).isFalse();
    assertThatThrownBy(() -> role.permissions().add(new PermissionName("x.y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void names_and_descriptions_are_bounded() {
    assertThatThrownBy(() -> Role.create(TENANT, " ", "", Set.of()))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Role.create(TENANT, "n".repeat(101), "", Set.of()))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Role.create(TENANT, "ok", "d".repeat(501), Set.of()))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void an_assignment_grants_until_its_expiry_and_not_at_it() {
    Instant expiry = Instant.parse("2026-06-01T00:00:00Z");
    RoleAssignment expiring =
        new RoleAssignment(TENANT, UserId.random(), RoleId.random(), Optional.of(expiry));
    RoleAssignment lasting =
        new RoleAssignment(TENANT, UserId.random(), RoleId.random(), Optional.empty());

    assertThat(expiring.isEffectiveAt(expiry.minusNanos(1))).isTrue();
    assertThat(expiring.isEffectiveAt(expiry)).isFalse();
    assertThat(expiring.isEffectiveAt(expiry.plusSeconds(1))).isFalse();
    assertThat(lasting.isEffectiveAt(Instant.MAX)).isTrue();
  }
}
