package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.UserContexts.UserContext;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The user contexts beyond the contract ({@code UserContextsContract}, run by {@link
 * PostgresStorageContractTest}): the clock moving past an expiry, and a context asked inside a
 * transaction of another tenant.
 */
class UserContextsTest extends PostgresTestBase {

  @Test
  void past_its_valid_until_the_context_read_again_drops_the_expired_role() {
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
  void a_context_asked_inside_a_transaction_of_another_tenant_is_refused() {
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

  @Test
  void the_context_carries_the_direct_organizations_and_everything_below_them() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Organization top = new Organization(OrganizationId.random(), tenant, "top", Optional.empty());
    Organization mid =
        new Organization(OrganizationId.random(), tenant, "mid", Optional.of(top.id()));
    Organization low =
        new Organization(OrganizationId.random(), tenant, "low", Optional.of(mid.id()));
    Organization side = new Organization(OrganizationId.random(), tenant, "side", Optional.empty());
    inTenantDo(
        tenant,
        () -> {
          for (Organization o : List.of(top, mid, low, side)) {
            db.organizations().insert(o);
          }
          db.organizations().addMember(mid.id(), user);
          db.organizations().addMember(low.id(), user);
        });

    UserOrganizations organizations =
        db.userContexts().of(tenant, user).orElseThrow().organizations();

    assertThat(organizations.direct()).containsExactly(low, mid);
    assertThat(organizations.accessible()).containsExactlyInAnyOrder(mid.id(), low.id());
    assertThat(db.userContexts().of(newTenant(), user).orElseThrow().organizations())
        .isEqualTo(UserOrganizations.NONE);
  }
}
