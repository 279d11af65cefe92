package io.warden.domain.policy;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The answer to "may this grantor hand out these permissions?" ({@link EscalationPolicy}): a value
 * that says why it is permitted, or lists exactly what the grantor lacks.
 */
public sealed interface EscalationDecision {

  /** Whether the grant may go ahead: anything but a {@link Refused}. */
  default boolean permitted() {
    return !(this instanceof Refused);
  }

  /** The grantor holds every permission handed out. */
  record WithinHeld() implements EscalationDecision {}

  /**
   * The grantor may hand out what they do not hold: a system administrator, or a holder of the
   * policy's override permission ({@code roles.escalate} or {@code roles.bind}).
   */
  record Exempt(String reason) implements EscalationDecision {
    public Exempt {
      InvalidValueException.requirePresent(reason, "reason");
    }
  }

  /**
   * The grantor would hand out {@code missing}, which they do not hold, and may not lift the rule
   * without {@code override}.
   */
  record Refused(SortedSet<PermissionName> missing, PermissionName override)
      implements EscalationDecision {
    public Refused {
      missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
      if (missing.isEmpty()) {
        throw new IllegalArgumentException("a refusal names at least one missing permission");
      }
    }

    /** For the refusal's 403: what is lacking, sorted, and what would lift the rule. */
    public String describe() {
      return missing.stream()
          .map(PermissionName::value)
          .collect(
              Collectors.joining(
                  ", ",
                  "you cannot grant permissions you do not hold: ",
                  " (or hold " + override.value() + ")"));
    }
  }

  // No constant of a case here: see AccessDecision (a class-initialization deadlock on first use).
}
