package io.warden.domain.model.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.PermissionSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationGrantsTest {
  private final OrganizationId root = OrganizationId.random();
  private final OrganizationId child = OrganizationId.random();
  private final OrganizationId other = OrganizationId.random();

  @Test
  void a_grant_counts_when_its_organization_is_in_the_chain() {
    OrganizationGrants grants =
        OrganizationGrants.of(
            Map.of(root, PermissionSet.of("reports:*"), other, PermissionSet.of("users.view")));

    assertThat(grants.allows(List.of(child, root), "reports:read")).isTrue();
    assertThat(grants.allows(List.of(child, root), "users.view")).isFalse();
    assertThat(grants.allows(List.of(other), "users.view")).isTrue();
    assertThat(grants.allows(List.of(), "users.view")).isFalse();
    assertThat(grants.allows(List.of(child), "reports:read")).isFalse();
  }

  @Test
  void empty_sets_are_left_out_and_none_is_equal_to_an_empty_map() {
    OrganizationGrants grants = OrganizationGrants.of(Map.of(root, PermissionSet.empty()));

    assertThat(grants.isEmpty()).isTrue();
    assertThat(grants).isEqualTo(OrganizationGrants.NONE);
    assertThat(OrganizationGrants.NONE.allows(List.of(root), "a")).isFalse();
    assertThat(OrganizationGrants.of(Map.of(root, PermissionSet.of("a"))))
        .isEqualTo(OrganizationGrants.of(Map.of(root, PermissionSet.of("a"))))
        .hasSameHashCodeAs(OrganizationGrants.of(Map.of(root, PermissionSet.of("a"))));
  }
}
