package io.warden.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.policy.EscalationPolicy.Grantor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
  private final EscalationPolicy editing = EscalationPolicy.forEditingRoles();
  private final EscalationPolicy assigning = EscalationPolicy.forAssigningRoles();
  private final Grantor editor =
      new Grantor(false, PermissionSet.of("roles.edit", "roles.assign", "users.view"));

  @Test
  void handing_out_only_what_one_holds_is_permitted() {
    assertThat(editing.decide(editor, names("users.view", "roles.edit")))
        .isEqualTo(new EscalationDecision.WithinHeld());
    assertThat(assigning.decide(editor, names())).isEqualTo(new EscalationDecision.WithinHeld());
  }

  @Test
  void handing_out_more_is_refused_naming_every_missing_permission_sorted() {
    EscalationDecision decision =
        editing.decide(editor, names("users.view", "users.manage", "cache.manage", "roles.edit"));

    assertThat(decision.permitted()).isFalse();
    EscalationDecision.Refused refused = (EscalationDecision.Refused) decision;
    assertThat(refused.missing()).containsExactly(name("cache.manage"), name("users.manage"));
    assertThat(refused.override()).isEqualTo(BuiltInPermissions.ROLES_ESCALATE);
    assertThat(refused.describe())
        .isEqualTo(
            "you cannot grant permissions you do not hold: cache.manage, users.manage"
                + " (or hold roles.escalate)");
  }

  @Test
  void each_rule_is_lifted_by_its_own_override_only() {
    Grantor escalator =
        new Grantor(false, PermissionSet.of("roles.edit", "roles.assign", "roles.escalate"));
    Grantor binder =
        new Grantor(false, PermissionSet.of("roles.edit", "roles.assign", "roles.bind"));
    Set<PermissionName> admin = names("users.manage", "metrics.view");

    assertThat(editing.decide(escalator, admin))
        .isEqualTo(new EscalationDecision.Exempt("holds roles.escalate"));
    assertThat(assigning.decide(escalator, admin).permitted()).isFalse();
    assertThat(((EscalationDecision.Refused) assigning.decide(escalator, admin)).override())
        .isEqualTo(BuiltInPermissions.ROLES_BIND);
    assertThat(assigning.decide(binder, admin))
        .isEqualTo(new EscalationDecision.Exempt("holds roles.bind"));
    assertThat(editing.decide(binder, admin).permitted()).isFalse();
  }

  @Test
  void a_system_administrator_is_exempt_even_holding_nothing_here() {
    Grantor root = new Grantor(true, PermissionSet.empty());

    assertThat(editing.decide(root, names("users.manage")).permitted()).isTrue();
    assertThat(assigning.decide(root, names("users.manage")))
        .isInstanceOf(EscalationDecision.Exempt.class);
  }

  @Test
  void holding_nothing_refuses_anything_but_the_empty_grant() {
    Grantor nobody = new Grantor(false, PermissionSet.empty());

    assertThat(assigning.decide(nobody, names()).permitted()).isTrue();
    assertThat(assigning.decide(nobody, names("users.view")).permitted()).isFalse();
  }

  @Test
  void a_held_wildcard_covers_what_it_grants_but_a_held_name_does_not_cover_a_wildcard() {
    Grantor reporter = new Grantor(false, PermissionSet.of("reports.*", "users.view"));
    Grantor viewer = new Grantor(false, PermissionSet.of("reports.view"));

    assertThat(editing.decide(reporter, names("reports.view", "reports.daily.*", "reports.*")))
        .isEqualTo(new EscalationDecision.WithinHeld());
    assertThat(assigning.decide(reporter, names("reports:view", "reportsx.view")))
        .isEqualTo(
            new EscalationDecision.Refused(
                new TreeSet<>(names("reports:view", "reportsx.view")),
                BuiltInPermissions.ROLES_BIND));
    assertThat(editing.decide(viewer, names("reports.*")).permitted()).isFalse();
  }

  @Test
  void coverage_is_a_seam_another_rule_can_replace_without_the_callers_changing() {
    EscalationPolicy.GrantCoverage exactOnly =
        (held, grant) -> held.names().contains(grant.value());
    Grantor reporter = new Grantor(false, PermissionSet.of("reports.*"));

    assertThat(editing.decide(reporter, names("reports.view")).permitted()).isTrue();
    assertThat(editing.withCoverage(exactOnly).decide(reporter, names("reports.view")).permitted())
        .isFalse();
    assertThat(editing.withCoverage(exactOnly).decide(reporter, names("reports.*")))
        .isEqualTo(new EscalationDecision.WithinHeld());
  }

  @Test
  void a_refusal_always_names_something() {
    assertThatThrownBy(
            () -> new EscalationDecision.Refused(new TreeSet<>(), BuiltInPermissions.ROLES_BIND))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_overrides_are_built_in_permissions() {
    assertThat(BuiltInPermissions.isBuiltIn(BuiltInPermissions.ROLES_ESCALATE)).isTrue();
    assertThat(BuiltInPermissions.isBuiltIn(BuiltInPermissions.ROLES_BIND)).isTrue();
  }

  private static PermissionName name(String text) {
    return new PermissionName(text);
  }

  private static Set<PermissionName> names(String... texts) {
    return new TreeSet<>(List.of(texts).stream().map(PermissionName::new).toList());
  }
}
