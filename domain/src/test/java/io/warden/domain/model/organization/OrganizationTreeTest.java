package io.warden.domain.model.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrganizationTreeTest {
  private static final TenantId T = TenantId.random();

  private final List<Organization> orgs = new ArrayList<>();

  private Organization add(String name, Organization parent) {
    Organization o =
        OrganizationTree.of(orgs)
            .create(
                OrganizationId.random(),
                T,
                name,
                Optional.ofNullable(parent).map(Organization::id));
    orgs.add(o);
    return o;
  }

  private OrganizationTree tree() {
    return OrganizationTree.of(orgs);
  }

  @Test
  void the_chain_is_the_organization_then_its_ancestors_and_empty_for_an_unknown_id() {
    Organization root = add("root", null);
    Organization a = add("a", root);
    Organization a1 = add("a1", a);
    add("b", root);
    assertThat(tree().chainOf(a1.id())).containsExactly(a1.id(), a.id(), root.id());
    assertThat(tree().chainOf(root.id())).containsExactly(root.id());
    assertThat(tree().chainOf(OrganizationId.random())).isEmpty();
  }

  @Test
  void closure_is_the_roots_and_every_descendant() {
    Organization root = add("root", null);
    Organization a = add("a", root);
    Organization a1 = add("a1", a);
    Organization b = add("b", root);
    assertThat(tree().closureOf(List.of(a.id()))).containsExactlyInAnyOrder(a.id(), a1.id());
    assertThat(tree().closureOf(List.of(root.id())))
        .containsExactlyInAnyOrder(root.id(), a.id(), a1.id(), b.id());
    assertThat(tree().closureOf(List.of(OrganizationId.random()))).isEmpty();
    assertThat(tree().childrenOf(root.id()))
        .extracting(Organization::name)
        .containsExactly("a", "b");
  }

  @Test
  void an_unknown_parent_is_refused() {
    assertThatThrownBy(
            () ->
                tree()
                    .create(OrganizationId.random(), T, "x", Optional.of(OrganizationId.random())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("no such organization");
  }

  @Test
  void moving_under_itself_or_a_descendant_is_a_cycle() {
    Organization root = add("root", null);
    Organization a = add("a", root);
    Organization a1 = add("a1", a);
    assertThatThrownBy(() -> tree().move(a.id(), Optional.of(a1.id())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> tree().move(root.id(), Optional.of(a.id())))
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> new Organization(a.id(), T, "a", Optional.of(a.id())))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void moving_takes_the_subtree_along() {
    Organization root = add("root", null);
    Organization a = add("a", root);
    Organization a1 = add("a1", a);
    Organization b = add("b", root);
    Organization moved = tree().move(a.id(), Optional.of(b.id()));
    orgs.replaceAll(o -> o.id().equals(a.id()) ? moved : o);
    assertThat(tree().closureOf(List.of(b.id())))
        .containsExactlyInAnyOrder(b.id(), a.id(), a1.id());
    assertThat(tree().depthOf(a1.id())).isEqualTo(4);
    Organization toRoot = tree().move(a.id(), Optional.empty());
    assertThat(toRoot.parentId()).isEmpty();
  }

  @Test
  void deleting_moves_the_children_to_the_parent() {
    Organization root = add("root", null);
    Organization a = add("a", root);
    Organization a1 = add("a1", a);
    Organization a2 = add("a2", a);
    assertThat(tree().childrenAfterDeleting(a.id()))
        .extracting(Organization::id, Organization::parentId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a1.id(), Optional.of(root.id())),
            org.assertj.core.groups.Tuple.tuple(a2.id(), Optional.of(root.id())));
    assertThat(tree().childrenAfterDeleting(root.id()))
        .extracting(Organization::parentId)
        .containsExactly(Optional.empty());
  }

  @Test
  void the_depth_limit_holds_for_creation_and_for_moving_a_subtree() {
    Organization parent = null;
    for (int i = 1; i <= OrganizationTree.MAX_DEPTH; i++) {
      parent = add("level" + i, parent);
    }
    Organization deepest = parent;
    assertThatThrownBy(() -> add("too deep", deepest)).hasMessageContaining("deeper than 10");
    Organization other = add("other", null);
    Organization child = add("child", other);
    Organization level9 = tree().find(deepest.parentId().orElseThrow()).orElseThrow();
    // other + child is two levels: under level 9 it would reach level 11.
    assertThatThrownBy(() -> tree().move(other.id(), Optional.of(level9.id())))
        .hasMessageContaining("deeper than 10");
    assertThat(tree().move(child.id(), Optional.of(level9.id())).parentId()).contains(level9.id());
  }

  @Test
  void names_are_validated() {
    assertThatThrownBy(() -> add(" ", null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> add("x".repeat(Organization.MAX_NAME_LENGTH + 1), null))
        .isInstanceOf(InvalidValueException.class);
  }
}
