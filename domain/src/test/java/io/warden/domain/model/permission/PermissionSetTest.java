package io.warden.domain.model.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.testing.BuiltInPermissionNames;
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

    assertThat(all.names()).containsExactlyElementsOf(BuiltInPermissionNames.SORTED);
    assertThat(BuiltInPermissions.isBuiltIn(BuiltInPermissions.ROLES_EDIT)).isTrue();
    assertThat(BuiltInPermissions.isBuiltIn(new PermissionName("docs.read"))).isFalse();
  }

  @Test
  void a_wildcard_grants_itself_and_every_name_extending_its_prefix() {
    PermissionSet set = PermissionSet.of("reports.*", "analytics:*", "users.view");

    assertThat(set.allows("reports.*")).isTrue();
    assertThat(set.allows("reports.view")).isTrue();
    assertThat(set.allows("reports.daily:export")).isTrue();
    assertThat(set.allows("reports.daily.*")).isTrue();
    assertThat(set.allows("analytics:read:org")).isTrue();
    assertThat(set.allows("users.view")).isTrue();
    assertThat(set.hasWildcards()).isTrue();
    assertThat(set.names()).containsExactly("analytics:*", "reports.*", "users.view");
  }

  @Test
  void a_wildcard_grants_nothing_beside_its_prefix() {
    PermissionSet set = PermissionSet.of("reports.*");

    assertThat(set.allows("reports")).isFalse();
    assertThat(set.allows("reports.")).isFalse();
    assertThat(set.allows("reports:view")).isFalse();
    assertThat(set.allows("reportsx.view")).isFalse();
    assertThat(set.allows("report.view")).isFalse();
    assertThat(set.allows("a.reports.view")).isFalse();
    assertThat(set.allows("users.view")).isFalse();
  }

  @Test
  void a_star_that_is_not_the_whole_last_segment_is_an_ordinary_name() {
    PermissionSet set = PermissionSet.of("reports.x*", "files.*.read");

    assertThat(set.hasWildcards()).isFalse();
    assertThat(set.allows("reports.x*")).isTrue();
    assertThat(set.allows("reports.xy")).isFalse();
    assertThat(set.allows("files.a.read")).isFalse();
  }

  @Test
  void nested_wildcards_fold_into_the_shorter_prefix_without_losing_a_grant() {
    PermissionSet set = PermissionSet.of("a.b.*", "a.*", "a.c:*", "ab.*", "z:*");

    assertThat(set.allows("a.b.c")).isTrue();
    assertThat(set.allows("a.c:d")).isTrue();
    assertThat(set.allows("a.zz")).isTrue();
    assertThat(set.allows("ab.c")).isTrue();
    assertThat(set.allows("aa.c")).isFalse();
    assertThat(set.allows("z:y")).isTrue();
    assertThat(set.allows("z.y")).isFalse();
    assertThat(set.names()).containsExactly("a.*", "a.b.*", "a.c:*", "ab.*", "z:*");
  }

  @Test
  void union_keeps_the_wildcards_of_both() {
    PermissionSet union = PermissionSet.of("users.view").union(PermissionSet.of("reports.*"));

    assertThat(union.allows("reports.view")).isTrue();
    assertThat(union.allows("users.view")).isTrue();
    assertThat(PermissionSet.of("reports.*").union(PermissionSet.empty()).allows("reports.x"))
        .isTrue();
  }

  /**
   * The prefix array against the definition ({@link PermissionName#grants} over every held name),
   * on random sets and random probes drawn from a small alphabet so that prefixes collide often.
   */
  @Test
  void agrees_with_the_definition_on_random_sets_and_names() {
    java.util.Random random = new java.util.Random(20261130L);
    for (int round = 0; round < 2_000; round++) {
      List<String> held = new java.util.ArrayList<>();
      int size = random.nextInt(8);
      for (int i = 0; i < size; i++) {
        held.add(randomName(random, random.nextInt(3) == 0));
      }
      PermissionSet set = PermissionSet.of(held);
      for (int probe = 0; probe < 20; probe++) {
        String name = randomName(random, random.nextInt(5) == 0);
        boolean expected = held.stream().anyMatch(h -> PermissionName.grants(h, name));
        assertThat(set.allows(name)).as("%s allows %s", held, name).isEqualTo(expected);
      }
    }
  }

  private static String randomName(java.util.Random random, boolean wildcard) {
    StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(2)));
    int segments = random.nextInt(3);
    for (int i = 0; i < segments; i++) {
      name.append(random.nextBoolean() ? '.' : ':').append((char) ('a' + random.nextInt(2)));
      if (random.nextInt(4) == 0) {
        name.append((char) ('a' + random.nextInt(2)));
      }
    }
    if (wildcard) {
      name.append(random.nextBoolean() ? ".*" : ":*");
    }
    return name.toString();
  }
}
