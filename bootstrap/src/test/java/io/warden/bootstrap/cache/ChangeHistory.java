package io.warden.bootstrap.cache;

import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The writers' model in the revocation races ({@link ConcurrentRevocationRaceTest}, {@link
 * ChaosHistoryTest}): each subject holds one role of their own, and every change made to them is
 * listed, stamped when sent and when answered, so that an answer can be judged against it.
 */
final class ChangeHistory {
  private ChangeHistory() {}

  /** A member holding one role of their own, and the history of changes made to them. */
  static final class Subject {
    final UserId userId;
    final Operator.Role role;
    final String token;
    final List<Change> history = new CopyOnWriteArrayList<>();
    boolean assigned = true;
    boolean granted = true;

    /** {@code token}: the member's own login, for checks they ask themselves; null if none. */
    Subject(UserId userId, Operator.Role role, String token) {
      this.userId = userId;
      this.role = role;
      this.token = token;
    }

    boolean allowed() {
      return assigned && granted;
    }

    /**
     * Toggles at random either the grant of {@code permission} to the subject's role or the role's
     * assignment, through {@code operator} (of instance {@code instance}): the change is listed
     * before it is sent, so no answer can predate its entry.
     */
    void changeAtRandom(
        Random random, int instance, Operator operator, Operator.Tenant tenant, String permission) {
      boolean toggleGrant = random.nextBoolean();
      if (toggleGrant) {
        granted = !granted;
      } else {
        assigned = !assigned;
      }
      String what =
          toggleGrant ? (granted ? "grant" : "revoke") : (assigned ? "assign" : "unassign");
      Change change = new Change(instance, allowed(), what + " on instance " + instance);
      history.add(change);
      change.sent = System.nanoTime();
      switch (what) {
        case "grant" -> operator.grant(tenant, role, permission);
        case "revoke" -> operator.revoke(tenant, role, permission);
        case "assign" -> operator.assign(tenant, role, userId.toString());
        case "unassign" -> operator.unassign(tenant, role, userId.toString());
        default -> throw new IllegalStateException(what);
      }
      change.answered = System.nanoTime();
    }
  }

  /**
   * One change: listed before it is sent, stamped when sent and when answered. An unset stamp is
   * {@link Long#MAX_VALUE}: a change not sent yet cannot explain an answer, nor one not answered
   * yet bind it.
   */
  static final class Change {
    final int instance;
    final boolean allowedAfter;
    final String what;
    volatile long sent = Long.MAX_VALUE;
    volatile long answered = Long.MAX_VALUE;

    Change(int instance, boolean allowedAfter, String what) {
      this.instance = instance;
      this.allowedAfter = allowedAfter;
      this.what = what;
    }

    /**
     * From when instance {@code observer} must answer this change's state (or a later one): at once
     * on its own instance, within {@code stalenessBound} on the others.
     */
    long bindsFrom(int observer, Duration stalenessBound) {
      if (answered == Long.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      return observer == instance ? answered : answered + stalenessBound.toNanos();
    }
  }
}
