package io.warden.application.service;

import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.Forbidden;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.user.UserId;
import io.warden.domain.policy.PermissionPolicy;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one rule of permission checks, single or batched: how many questions a batch may hold, who
 * may ask about whom (oneself always, anyone else with {@code authz.check}), what a well-formed
 * question is, and the answer ({@link PermissionPolicy} over the subject's effective permissions).
 * {@code check} turns a refusal into an exception, {@code checkBatch} into an item's error.
 */
final class CheckPolicy {
  private CheckPolicy() {}

  /** What one question comes to, decided in this order. */
  sealed interface Decision {
    /** The caller asked about someone else without {@code authz.check}. */
    record NotPermitted() implements Decision {}

    /** The permission is missing or not a permission name; {@code problem} says which. */
    record Malformed(String problem) implements Decision {}

    /** The answer. */
    record Answered(boolean allowed) implements Decision {}
  }

  /** {@link InvalidValueException} for a batch of no, or too many, questions. */
  static void requireBatchSize(List<?> checks) {
    AuthorizationUseCase.requireBatchOfChecks(checks == null ? 0 : checks.size());
  }

  /**
   * Decides one question. {@code mayCheckOthers} is asked only when the subject is not the caller,
   * and {@code subjectPermissions} only for a question that is answered, so a refused question
   * loads nothing.
   */
  static Decision decide(
      UserId caller,
      UserId subject,
      String permission,
      BooleanSupplier mayCheckOthers,
      Supplier<PermissionSet> subjectPermissions) {
    Decision refused = refusal(caller, subject, permission, mayCheckOthers);
    if (refused != null) {
      return refused;
    }
    return new Decision.Answered(
        PermissionPolicy.decide(subjectPermissions.get(), permission).allowed());
  }

  /**
   * The same for a question inside an organization: {@code subjectHolds} answers whether the
   * subject holds the (well-formed) permission there, asked only for a question that is answered.
   */
  static Decision decideInOrganization(
      UserId caller,
      UserId subject,
      String permission,
      BooleanSupplier mayCheckOthers,
      Predicate<String> subjectHolds) {
    Decision refused = refusal(caller, subject, permission, mayCheckOthers);
    return refused != null ? refused : new Decision.Answered(subjectHolds.test(permission));
  }

  /**
   * A single check's answer: a refusal becomes the exception {@code check} throws ({@link
   * Forbidden}, or {@link InvalidValueException} for a malformed permission).
   */
  static boolean answerOrThrow(Decision decision) {
    return switch (decision) {
      case Decision.Answered answered -> answered.allowed();
      case Decision.NotPermitted notPermitted ->
          throw new Forbidden("missing permission " + BuiltInPermissions.AUTHZ_CHECK.value());
      case Decision.Malformed malformed ->
          throw new InvalidValueException("permission", malformed.problem());
    };
  }

  /** Why the question is not answered, or null when it is. */
  private static @Nullable Decision refusal(
      UserId caller, UserId subject, String permission, BooleanSupplier mayCheckOthers) {
    if (!subject.equals(caller) && !mayCheckOthers.getAsBoolean()) {
      return new Decision.NotPermitted();
    }
    if (permission == null) {
      return new Decision.Malformed("is required");
    }
    if (!PermissionName.isWellFormed(permission)) {
      return new Decision.Malformed("is not a permission name");
    }
    return null;
  }
}
