package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.UserContexts.UserContext;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserContextsTest extends PostgresTestBase {

  @Test
  void the_context_is_the_user_the_tenant_and_the_roles_effective_now() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role lasting = newRole(tenant, "ctx.lasting");
    Role temporary = newRole(tenant, "ctx.temporary");
    Role expired = newRole(tenant, "ctx.expired");
    Instant expiry = clock.in(2, ChronoUnit.HOURS);
    assign(tenant, user, lasting, Optional.empty());
    assign(tenant, user, temporary, Optional.of(expiry));
    assign(tenant, user, expired, Optional.of(clock.in(-1, ChronoUnit.SECONDS)));
    newRole(tenant, "ctx.unassigned");

    UserContext context = db.userContexts().of(tenant, user).orElseThrow();

    assertThat(context.user()).isEqualTo(across(() -> db.users().findById(user)).orElseThrow());
    assertThat(context.tenant())
        .isEqualTo(across(() -> db.tenants().findById(tenant)).orElseThrow());
    assertThat(context.roles())
        .containsExactlyInAnyOrder(lasting, temporary)
        .isSortedAccordingTo((a, b) -> a.name().compareTo(b.name()));
    assertThat(context.validUntil()).contains(expiry);

    clock.set(expiry);
    UserContext later = db.userContexts().of(tenant, user).orElseThrow();
    assertThat(later.roles()).containsExactly(lasting);
    assertThat(later.validUntil()).isEmpty();
  }

  @Test
  void an_unknown_user_or_tenant_has_no_context_and_a_stranger_has_no_roles() {
    TenantId tenant = newTenant();
    UserId stranger = newUser();

    assertThat(db.userContexts().of(tenant, UserId.random())).isEmpty();
    assertThat(db.userContexts().of(TenantId.random(), stranger)).isEmpty();
    assertThat(db.userContexts().of(tenant, stranger).orElseThrow().roles()).isEmpty();
  }

  @Test
  void roles_of_another_tenant_never_show() {
    TenantId here = newTenant();
    TenantId there = newTenant();
    UserId user = newMember(here);
    addMember(there, user);
    assign(there, user, newRole(there, "ctx.there"), Optional.of(clock.in(1, ChronoUnit.HOURS)));

    UserContext context = db.userContexts().of(here, user).orElseThrow();

    assertThat(context.roles()).isEmpty();
    assertThat(context.validUntil()).isEmpty();
    assertThatThrownBy(() -> inTenant(there, () -> db.userContexts().of(here, user)))
        .isInstanceOf(IllegalStateException.class);
  }
}
