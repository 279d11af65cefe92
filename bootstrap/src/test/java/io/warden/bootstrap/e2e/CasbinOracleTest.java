package io.warden.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The oracle of {@link CasbinDifferentialTest} on its own: that it says yes where the contract does
 * (inclusions, wildcards, domains) and no elsewhere, so that zero differences mean agreement and
 * not two sides that never grant anything.
 */
class CasbinOracleTest {

  @Test
  void the_wildcard_rule_is_the_contracts_not_key_match() {
    assertThat(CasbinOracle.WardenMatch.matches("reports.view", "reports.*")).isTrue();
    assertThat(CasbinOracle.WardenMatch.matches("reports.daily.*", "reports.*")).isTrue();
    assertThat(CasbinOracle.WardenMatch.matches("reports.*", "reports.*")).isTrue();
    assertThat(CasbinOracle.WardenMatch.matches("analytics:read:org", "analytics:*")).isTrue();
    assertThat(CasbinOracle.WardenMatch.matches("reports", "reports.*")).isFalse();
    assertThat(CasbinOracle.WardenMatch.matches("reports:view", "reports.*")).isFalse();
    assertThat(CasbinOracle.WardenMatch.matches("reportsx.view", "reports.*")).isFalse();
    // Where keyMatch would say yes: a * that is not a last segment of its own is a plain character.
    assertThat(CasbinOracle.WardenMatch.matches("docs.read", "docs.*x")).isFalse();
    assertThat(CasbinOracle.WardenMatch.matches("docs.read", "docs.r*")).isFalse();
    assertThat(CasbinOracle.WardenMatch.matches("docs.read.own", "docs.*.own")).isFalse();
    assertThat(CasbinOracle.WardenMatch.matches("docs.*x", "docs.*x")).isTrue();
  }

  @Test
  void roles_include_roles_transitively_inside_their_domain_only() {
    CasbinOracle casbin = new CasbinOracle();
    casbin.grant("t1", "leaf", "docs.*");
    casbin.link("t1", "middle", "leaf");
    casbin.link("t1", "top", "middle");
    casbin.link("t1", "alice", "top");
    casbin.link("t2", "bob", "top");

    assertThat(casbin.allows("t1", "alice", "docs.read")).isTrue();
    assertThat(casbin.allows("t1", "alice", "docsx.read")).isFalse();
    assertThat(casbin.allows("t2", "alice", "docs.read")).isFalse();
    assertThat(casbin.allows("t2", "bob", "docs.read")).as("top includes nothing in t2").isFalse();

    casbin.unlink("t1", "top", "middle");
    assertThat(casbin.allows("t1", "alice", "docs.read")).isFalse();
    casbin.link("t1", "top", "middle");
    casbin.revoke("t1", "leaf", "docs.*");
    assertThat(casbin.allows("t1", "alice", "docs.read")).isFalse();
  }
}
