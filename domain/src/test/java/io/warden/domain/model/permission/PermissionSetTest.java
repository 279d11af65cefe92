package io.warden.domain.model.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PermissionSetTest {

  @Test
  void allows_exactly_the_names_it_holds() {
    PermissionSet set = PermissionSet.of("users.view", "roles.edit");

    assertThat(set.allows("users.view")).isTrue();
    assertThat(set.allows(new PermissionName("roles.edit"))).isTrue();
    assertThat(set.allows("roles.view")).isFalse();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void a_name_held_by_another_set_is_not_held_by_this_one() {
    PermissionSet.of("billing.view");
    assertThat(PermissionSet.of("users.view").allows("billing.view")).isFalse();
  }

  @Test
  void asking_about_unknown_names_never_interns_them() {
    String unknown = "never.held." + UUID.randomUUID().toString().replace("-", "");

    assertThat(PermissionSet.of("users.view").allows(unknown)).isFalse();
    assertThat(PermissionIds.lookup(unknown)).isEqualTo(-1);
  }

  @Test
  void names_are_sorted_and_duplicates_folded() {
    PermissionSet set = PermissionSet.of(List.of("zeta.z", "alpha.a", "zeta.z", "mid.m"));

    assertThat(set.names()).containsExactly("alpha.a", "mid.m", "zeta.z");
    assertThat(set.size()).isEqualTo(3);
  }

  @Test
  void union_holds_both_and_equality_ignores_order() {
    PermissionSet left = PermissionSet.of("a.one", "b.two");
    PermissionSet right = PermissionSet.of("c.three", "a.one");

    PermissionSet union = left.union(right);

    assertThat(union.names()).containsExactly("a.one", "b.two", "c.three");
    assertThat(union).isEqualTo(PermissionSet.of("c.three", "b.two", "a.one"));
    assertThat(union.hashCode())
        .isEqualTo(PermissionSet.of("b.two", "c.three", "a.one").hashCode());
    assertThat(left.union(PermissionSet.empty())).isSameAs(left);
    assertThat(PermissionSet.empty().union(right)).isSameAs(right);
  }

  @Test
  void the_empty_set_allows_nothing() {
    assertThat(PermissionSet.empty().allows("users.view")).isFalse();
    assertThat(PermissionSet.of(List.of())).isSameAs(PermissionSet.empty());
    assertThat(PermissionSet.empty().isEmpty()).isTrue();
  }

  @Test
  void refuses_malformed_names() {
    assertThatThrownBy(() -> PermissionSet.of("Not A Name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_set_of_built_ins_holds_them_all() {
    PermissionSet all =
        PermissionSet.ofNames(BuiltInPermissions.ALL.stream().map(Permission::name).toList());

    assertThat(all.names())
        .containsExactly(
            "authz.check",
            "cache.manage",
            "metrics.view",
            "roles.assign",
            "roles.bind",
            "roles.edit",
            "roles.escalate",
            "roles.view",
            "users.manage",
            "users.view");
    assertThat(BuiltInPermissions.isBuiltIn(BuiltInPermissions.ROLES_EDIT)).isTrue();
    assertThat(BuiltInPermissions.isBuiltIn(new PermissionName("docs.read"))).isFalse();
  }
}
