package io.warden.domain.policy;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The answer to "may this grantor hand out these permissions?" ({@link EscalationPolicy}): a value
 * that says why it is permitted, or lists exactly what the grantor lacks.
 */
public sealed interface EscalationDecision {
  boolean permitted();

  /** The grantor holds every permission handed out. */
  record WithinHeld() implements EscalationDecision {
    @Override
    public boolean permitted() {
      return true;
    }
  }

  /**
   * The grantor may hand out what they do not hold: a system administrator, or a holder of the
   * policy's override permission ({@code roles.escalate} or {@code roles.bind}).
   */
  record Exempt(String reason) implements EscalationDecision {
    public Exempt {
      InvalidValueException.requirePresent(reason, "reason");
    }

    @Override
    public boolean permitted() {
      return true;
    }
  }

  /**
   * The grantor would hand out {@code missing}, which they do not hold, and may not lift the rule
   * without {@code override}.
   */
  record Refused(SortedSet<PermissionName> missing, PermissionName override)
      implements EscalationDecision {
    public Refused {
      Objects.requireNonNull(override, "override");
      missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
      if (missing.isEmpty()) {
        throw new IllegalArgumentException("a refusal names at least one missing permission");
      }
    }

    @Override
    public boolean permitted() {
      return false;
    }

    /** For the refusal's 403: what is lacking, sorted, and what would lift the rule. */
    public String describe() {
      StringBuilder text = new StringBuilder("you cannot grant permissions you do not hold: ");
      boolean first = true;
      for (PermissionName name : missing) {
        if (!first) {
          text.append(", ");
        }
        text.append(name.value());
        first = false;
      }
      return text.append(" (or hold ").append(override.value()).append(')').toString();
    }
  }

  EscalationDecision WITHIN_HELD = new WithinHeld();
}
