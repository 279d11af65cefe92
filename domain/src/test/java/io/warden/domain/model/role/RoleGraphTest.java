package io.warden.domain.model.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RoleGraphTest {
  private final TenantId tenant = TenantId.random();

  private Role role(String name, String permission, Role... included) {
    TreeSet<RoleId> ids = new TreeSet<>();
    for (Role r : included) {
      ids.add(r.id());
    }
    return Role.create(tenant, name, "", Set.of(new PermissionName(permission))).withIncludes(ids);
  }

  @Test
  void a_role_grants_its_own_permissions_and_those_of_every_role_it_reaches() {
    Role leaf = role("leaf", "p.leaf");
    Role left = role("left", "p.left", leaf);
    Role right = role("right", "p.right", leaf);
    Role top = role("top", "p.top", left, right);
    RoleGraph graph = RoleGraph.of(List.of(leaf, left, right, top));

    assertThat(graph.grantsOf(top.id()))
        .extracting(PermissionName::value)
        .containsExactly("p.leaf", "p.left", "p.right", "p.top");
    assertThat(graph.grantsOf(left.id()))
        .extracting(PermissionName::value)
        .containsExactly("p.leaf", "p.left");
    assertThat(graph.reachableFrom(top.id())).hasSize(4).first().isEqualTo(top.id());
    assertThat(graph.grantsOf(RoleId.random())).isEmpty();
  }

  @Test
  void a_change_that_closes_a_cycle_is_seen_through_any_length_of_path() {
    Role a = role("a", "p.a");
    Role b = role("b", "p.b", a);
    Role c = role("c", "p.c", b);
    RoleGraph graph = RoleGraph.of(List.of(a, b, c));

    assertThat(graph.hasCycleThrough(a.id())).isFalse();
    assertThat(graph.with(a.withIncludes(Set.of(c.id()))).hasCycleThrough(a.id())).isTrue();
    assertThat(graph.with(a.withIncludes(Set.of(b.id()))).hasCycleThrough(a.id())).isTrue();
    // A diamond is not a cycle.
    Role d = role("d", "p.d", b, c);
    assertThat(graph.with(d).hasCycleThrough(d.id())).isFalse();
    // Even a cycle closed elsewhere does not make grantsOf loop.
    RoleGraph cyclic = graph.with(a.withIncludes(Set.of(c.id())));
    assertThat(cyclic.grantsOf(a.id())).hasSize(3);
  }

  @Test
  void a_role_never_includes_itself_directly() {
    Role a = role("a", "p.a");
    assertThatThrownBy(() -> a.withIncludes(Set.of(a.id())))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void inclusions_of_roles_not_in_the_graph_are_ignored() {
    Role gone = role("gone", "p.gone");
    Role top = role("top", "p.top", gone);
    RoleGraph graph = RoleGraph.of(List.of(top));

    assertThat(graph.contains(gone.id())).isFalse();
    assertThat(graph.grantsOf(top.id())).extracting(PermissionName::value).containsExactly("p.top");
  }

  @Test
  void each_reached_role_comes_with_its_shortest_inclusion_path_from_an_assigned_role() {
    Role leaf = role("leaf", "p.leaf");
    Role middle = role("middle", "p.middle", leaf);
    Role top = role("top", "p.top", middle);
    Role other = role("other", "p.other", leaf);
    RoleGraph graph = RoleGraph.of(List.of(leaf, middle, top, other));

    List<RoleGraph.Reached> reached = graph.reachedFrom(List.of(top.id(), other.id()));

    assertThat(reached)
        .extracting(r -> r.role().name(), RoleGraph.Reached::via)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("top", List.of()),
            org.assertj.core.groups.Tuple.tuple("other", List.of()),
            org.assertj.core.groups.Tuple.tuple("middle", List.of(top.id())),
            org.assertj.core.groups.Tuple.tuple("leaf", List.of(other.id())));
    assertThat(graph.reachedFrom(List.of(top.id())))
        .filteredOn(r -> r.role().equals(leaf))
        .singleElement()
        .extracting(RoleGraph.Reached::via)
        .isEqualTo(List.of(top.id(), middle.id()));
  }
}
