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
    final Operator.Holder holder;
    final UserId userId;
    final String token;
    final List<Change> history = new CopyOnWriteArrayList<>();
    boolean assigned = true;
    boolean granted = true;

    /** {@code token}: the member's own login, for checks they ask themselves; null if none. */
    Subject(Operator.Holder holder, String token) {
      this.holder = holder;
      this.userId = holder.userId();
      this.token = token;
    }

    boolean allowed() {
      return assigned && granted;
    }

    /**
     * How a violation names a stale answer about this subject: {@code stale ALLOW of <id> on
     * instance 1}.
     */
    String staleAnswer(boolean allowed, int observer) {
      return (allowed ? "stale ALLOW" : "stale DENY")
          + " of "
          + userId
          + " on instance "
          + observer;
    }

    /**
     * Toggles at random either the grant of the permission to the subject's role or the role's
     * assignment, through {@code operator} (of instance {@code instance}): the change is listed
     * before it is sent, so no answer can predate its entry.
     */
    void changeAtRandom(Random random, int instance, Operator operator) {
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
        case "grant" -> operator.grant(holder);
        case "revoke" -> operator.revoke(holder);
        case "assign" -> operator.assign(holder);
        case "unassign" -> operator.unassign(holder);
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
