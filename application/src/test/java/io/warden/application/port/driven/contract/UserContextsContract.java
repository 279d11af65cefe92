package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.UserContexts.UserContext;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserContexts} must do, outside any transaction (it opens its own): the user and
 * the tenant as their repositories hold them, the roles effective at the implementation's clock by
 * name, and the earliest expiry among those roles' assignments; nothing for an unknown user or
 * tenant; never a role of another tenant.
 */
public abstract class UserContextsContract extends StorageContract {

  /** The user contexts over {@link #storage()}. */
  protected abstract UserContexts userContexts();

  /** The instant the user contexts' clock reads (standing still while the contract runs). */
  protected abstract Instant now();

  @Test
  public void the_context_is_the_user_the_tenant_and_the_roles_effective_now_by_name() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role lasting = newRole(tenant, "ctx.lasting", 1);
    Role temporary = newRole(tenant, "ctx.temporary", 1);
    Role later = newRole(tenant, "ctx.later", 0);
    Role expired = newRole(tenant, "ctx.expired", 1);
    newRole(tenant, "ctx.unassigned", 1);
    Instant expiry = now().plus(Duration.ofHours(2));
    assign(tenant, user, temporary, Optional.of(expiry));
    assign(tenant, user, lasting, Optional.empty());
    assign(tenant, user, later, Optional.of(expiry.plus(Duration.ofDays(1))));
    assign(tenant, user, expired, Optional.of(now().minusSeconds(1)));

    UserContext context = userContexts().of(tenant, user).orElseThrow();

    assertThat(context.user()).isEqualTo(across(() -> storage().users().findById(user)).get());
    assertThat(context.tenant())
        .isEqualTo(across(() -> storage().tenants().findById(tenant)).get());
    assertThat(context.roles())
        .containsExactlyInAnyOrder(lasting, temporary, later)
        .isSortedAccordingTo(Comparator.comparing(Role::name));
    assertThat(context.validUntil()).contains(expiry);
  }

  @Test
  public void a_context_none_of_whose_roles_expires_is_valid_for_ever() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    assign(tenant, user, newRole(tenant, "ctx.forever", 1), Optional.empty());
    assign(tenant, user, newRole(tenant, "ctx.gone", 1), Optional.of(now().minusSeconds(60)));

    UserContext context = userContexts().of(tenant, user).orElseThrow();

    assertThat(context.roles()).hasSize(1);
    assertThat(context.validUntil()).isEmpty();
  }

  @Test
  public void an_unknown_user_or_tenant_has_no_context_and_a_stranger_has_no_roles() {
    TenantId tenant = newTenant();
    UserId stranger = newUser();

    assertThat(userContexts().of(tenant, UserId.random())).isEmpty();
    assertThat(userContexts().of(TenantId.random(), stranger)).isEmpty();
    UserContext context = userContexts().of(tenant, stranger).orElseThrow();
    assertThat(context.roles()).isEmpty();
    assertThat(context.validUntil()).isEmpty();
  }

  @Test
  public void roles_of_another_tenant_never_show() {
    TenantId here = newTenant();
    TenantId there = newTenant();
    UserId user = newMember(here);
    addMember(there, user, true);
    assign(there, user, newRole(there, "ctx.there", 1), Optional.of(now().plusSeconds(3600)));

    UserContext context = userContexts().of(here, user).orElseThrow();

    assertThat(context.roles()).isEmpty();
    assertThat(context.validUntil()).isEmpty();
  }

  @Test
  public void the_organization_tree_is_the_tenants_and_only_the_tenants() {
    TenantId here = newTenant();
    TenantId there = newTenant();
    Organization root = new Organization(OrganizationId.random(), here, "root", Optional.empty());
    Organization child =
        new Organization(OrganizationId.random(), here, "child", Optional.of(root.id()));
    Organization foreign =
        new Organization(OrganizationId.random(), there, "foreign", Optional.empty());
    inTenantDo(
        here,
        () -> {
          storage().organizations().insert(root);
          storage().organizations().insert(child);
        });
    inTenantDo(there, () -> storage().organizations().insert(foreign));

    OrganizationTree tree = userContexts().organizationTree(here);

    assertThat(tree.all()).containsExactlyInAnyOrder(root, child);
    assertThat(tree.chainOf(child.id())).containsExactly(child.id(), root.id());
    assertThat(tree.contains(foreign.id())).isFalse();
    assertThat(userContexts().organizationTree(newTenant()).size()).isZero();
    assertThat(userContexts().organizationTree(TenantId.random()).size()).isZero();
  }
}
