package io.warden.adapter.driven.security;

import io.warden.application.port.driven.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Argon2id password hashing (BouncyCastle) in the PHC string format {@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}; a stored hash is verified with its own parameters, so
 * raising the cost later keeps old hashes valid.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;
  // Strict PHC shape: decimal parameters in the canonical order, unpadded standard Base64.
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
              + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final Argon2Settings settings;
  private final SecureRandom random;
  private final String dummyHash;

  public Argon2PasswordHasher() {
    this(Argon2Settings.owaspDefaults());
  }

  public Argon2PasswordHasher(Argon2Settings settings) {
    this(settings, new SecureRandom());
  }

  public Argon2PasswordHasher(Argon2Settings settings, SecureRandom random) {
    this.settings = settings;
    this.random = random;
    // A real hash of an unguessable password, with the current cost: verifying against it takes
    // exactly as long as verifying a real user's password.
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.dummyHash = hash(ENCODER.encodeToString(secret));
  }

  @Override
  public String hash(String password) {
    byte[] salt = new byte[settings.saltLength()];
    random.nextBytes(salt);
    Phc phc =
        new Phc(
            settings.memoryKiB(),
            settings.iterations(),
            settings.parallelism(),
            salt,
            new byte[settings.hashLength()]);
    byte[] hash = derive(password, phc);
    return "$argon2id$v="
        + VERSION
        + "$m="
        + phc.memoryKiB()
        + ",t="
        + phc.iterations()
        + ",p="
        + phc.parallelism()
        + "$"
        + ENCODER.encodeToString(salt)
        + "$"
        + ENCODER.encodeToString(hash);
  }

  @Override
  public boolean verify(@Nullable String password, @Nullable String hash) {
    if (password == null || hash == null) {
      return false;
    }
    Optional<Phc> parsed = parse(hash);
    if (parsed.isEmpty()) {
      return false;
    }
    byte[] expected = parsed.get().hash();
    byte[] actual = derive(password, parsed.get());
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public void verifyDummy(@Nullable String password) {
    verify(password == null ? "" : password, dummyHash);
  }

  /** The hash {@link #verifyDummy} verifies against. */
  String dummyHash() {
    return dummyHash;
  }

  private static byte[] derive(String password, Phc phc) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(VERSION)
            .withMemoryAsKB(phc.memoryKiB())
            .withIterations(phc.iterations())
            .withParallelism(phc.parallelism())
            .withSalt(phc.salt())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[phc.hash().length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }

  /** Parses a stored hash, refusing anything outside the bounds this hasher would ever produce. */
  static Optional<Phc> parse(String encoded) {
    Matcher matcher = PHC.matcher(encoded);
    if (!matcher.matches() || Integer.parseInt(matcher.group(1)) != VERSION) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Phc(
              Integer.parseInt(matcher.group(2)),
              Integer.parseInt(matcher.group(3)),
              Integer.parseInt(matcher.group(4)),
              DECODER.decode(matcher.group(5)),
              DECODER.decode(matcher.group(6))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The decoded parts of a PHC string; the constructor enforces the same bounds as settings. */
  record Phc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    Phc {
      // Stored hashes get the same bounds as configured settings: a corrupt or hostile row must
      // not make one login allocate gigabytes or spin for minutes.
      Argon2Settings.check(memoryKiB, iterations, parallelism, salt.length, hash.length);
    }
  }
}
