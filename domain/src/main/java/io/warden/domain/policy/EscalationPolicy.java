package io.warden.domain.policy;

import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * No privilege escalation, Kubernetes RBAC's rule: outside system administrators, whoever edits a
 * role or assigns one may only hand out permissions they hold themselves, unless they hold the
 * override permission ({@code roles.escalate} for editing, {@code roles.bind} for assigning).
 *
 * <p>The policy is fed what the role <em>would grant</em> once the change is made (for an edit: the
 * resulting set, not just the difference, because editing a role one holds edits what one grants),
 * so a role's grants can grow (included roles) without the policy changing; whether a held set
 * covers one grant is a {@link GrantCoverage}: by default {@link GrantCoverage#HELD}, which honours
 * wildcards as every check does.
 */
public final class EscalationPolicy {
  private static final EscalationDecision WITHIN_HELD = new EscalationDecision.WithinHeld();

  /** Whether what a grantor holds covers one permission handed out. */
  @FunctionalInterface
  public interface GrantCoverage {
    boolean covers(PermissionSet held, PermissionName grant);

    /**
     * What the grantor holds grants this name: they hold it, or a wildcard covering it ({@code
     * reports.*} covers {@code reports.view} and {@code reports.daily.*}, but holding {@code
     * reports.view} does not cover handing out {@code reports.*}).
     */
    GrantCoverage HELD = (held, grant) -> held.allows(grant);
  }

  /** Who hands the permissions out: whether a system administrator, and what they hold here. */
  public record Grantor(boolean systemAdmin, PermissionSet holds) {}

  private final PermissionName override;
  private final GrantCoverage coverage;

  public EscalationPolicy(PermissionName override, GrantCoverage coverage) {
    this.override = override;
    this.coverage = coverage;
  }

  /** The rule for creating, updating and granting to a role; lifted by {@code roles.escalate}. */
  public static EscalationPolicy forEditingRoles() {
    return new EscalationPolicy(BuiltInPermissions.ROLES_ESCALATE, GrantCoverage.HELD);
  }

  /** The rule for assigning a role; lifted by {@code roles.bind}. */
  public static EscalationPolicy forAssigningRoles() {
    return new EscalationPolicy(BuiltInPermissions.ROLES_BIND, GrantCoverage.HELD);
  }

  /** The same rule with another coverage test (e.g. one that understands wildcards). */
  public EscalationPolicy withCoverage(GrantCoverage newCoverage) {
    return new EscalationPolicy(override, newCoverage);
  }

  public PermissionName override() {
    return override;
  }

  /** Whether {@code grantor} may make a role grant {@code wouldGrant}. */
  public EscalationDecision decide(Grantor grantor, Collection<PermissionName> wouldGrant) {
    if (grantor.systemAdmin()) {
      return new EscalationDecision.Exempt("a system administrator");
    }
    SortedSet<PermissionName> missing = new TreeSet<>();
    for (PermissionName grant : wouldGrant) {
      if (!coverage.covers(grantor.holds(), grant)) {
        missing.add(grant);
      }
    }
    if (missing.isEmpty()) {
      return WITHIN_HELD;
    }
    if (coverage.covers(grantor.holds(), override)) {
      return new EscalationDecision.Exempt("holds " + override.value());
    }
    return new EscalationDecision.Refused(missing, override);
  }
}
