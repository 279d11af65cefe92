package io.warden.domain.model.user;

import io.warden.domain.model.InvalidValueException;
import java.time.Instant;

/**
 * A person who can log in. {@code passwordHash} is opaque here (the security adapter owns its
 * format); {@code tokensValidAfter} is the instant before which every token of the user is void.
 */
public record User(
    UserId id,
    Email email,
    String displayName,
    String passwordHash,
    boolean active,
    boolean systemAdmin,
    Instant tokensValidAfter) {

  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;

  public User {
    validateDisplayName(displayName);
  }

  /** A new, active user whose tokens are valid from {@code now}. */
  public static User create(
      Email email, String displayName, String passwordHash, boolean systemAdmin, Instant now) {
    return new User(UserId.random(), email, displayName, passwordHash, true, systemAdmin, now);
  }

  public User withDisplayName(String newName) {
    return new User(id, email, newName, passwordHash, active, systemAdmin, tokensValidAfter);
  }

  /** Deactivating a user voids every token they hold. */
  public User withActive(boolean newActive, Instant now) {
    User changed =
        new User(id, email, displayName, passwordHash, newActive, systemAdmin, tokensValidAfter);
    return newActive ? changed : changed.voidTokensIssuedBefore(now);
  }

  /** A new password voids every token the user holds. */
  public User withPasswordHash(String newHash, Instant now) {
    return new User(id, email, displayName, newHash, active, systemAdmin, tokensValidAfter)
        .voidTokensIssuedBefore(now);
  }

  /**
   * Every token issued before {@code instant} is void. The instant only moves forward: a late or
   * concurrent change can never make tokens valid again that a logout-all had voided.
   */
  public User voidTokensIssuedBefore(Instant instant) {
    Instant later = instant.isAfter(tokensValidAfter) ? instant : tokensValidAfter;
    return new User(id, email, displayName, passwordHash, active, systemAdmin, later);
  }

  public static void validateDisplayName(String displayName) {
    InvalidValueException.requirePresent(displayName, "displayName");
    InvalidValueException.require(
        !displayName.isBlank() && displayName.length() <= 200,
        "displayName",
        "must be 1 to 200 characters");
  }

  /** Checks the password policy: at least 12 characters (and a sane upper bound). */
  public static void validatePassword(String password) {
    InvalidValueException.requirePresent(password, "password");
    InvalidValueException.require(
        password.codePointCount(0, password.length()) >= MIN_PASSWORD_LENGTH,
        "password",
        "must be at least " + MIN_PASSWORD_LENGTH + " characters");
    InvalidValueException.require(
        password.length() <= MAX_PASSWORD_LENGTH,
        "password",
        "must be at most " + MAX_PASSWORD_LENGTH + " characters");
  }
}
