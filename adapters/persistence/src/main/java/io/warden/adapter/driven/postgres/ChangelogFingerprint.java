package io.warden.adapter.driven.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of the master changelog and of every file it includes, in order: equal fingerprints
 * mean the same change sets with the same text, which is what decides whether a database that was
 * once migrated with this changelog needs Liquibase again.
 *
 * <p>Only plain {@code <include file="..."/>} entries are understood. A changelog using anything
 * else ({@code includeAll}, change sets written in the master file, relative paths) has no
 * fingerprint, and Liquibase then runs on every start, as it did before fingerprints existed.
 */
final class ChangelogFingerprint {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"\\s*/>");
  private static final Pattern ELEMENT = Pattern.compile("<(?![?!/])([A-Za-z][\\w:.-]*)");

  private ChangelogFingerprint() {}

  /** The fingerprint of {@code master} as {@code loader} finds it, or empty if not computable. */
  static Optional<String> of(ClassLoader loader, String master) {
    MessageDigest digest = sha256();
    byte[] masterBytes = read(loader, master);
    if (masterBytes == null) {
      return Optional.empty();
    }
    update(digest, master, masterBytes);
    String text = COMMENT.matcher(new String(masterBytes, StandardCharsets.UTF_8)).replaceAll("");
    Matcher elements = ELEMENT.matcher(text);
    while (elements.find()) {
      String element = elements.group(1);
      if (!element.equals("databaseChangeLog") && !element.equals("include")) {
        return Optional.empty();
      }
    }
    Matcher includes = INCLUDE.matcher(text);
    int found = 0;
    while (includes.find()) {
      String file = includes.group(1);
      byte[] bytes = read(loader, file);
      if (bytes == null) {
        return Optional.empty();
      }
      update(digest, file, bytes);
      found++;
    }
    if (found == 0 || found != count(text, "<include")) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static int count(String text, String token) {
    int count = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      count++;
    }
    return count;
  }

  /** Name and length first, so that moving bytes from one file to the next changes the result. */
  private static void update(MessageDigest digest, String name, byte[] bytes) {
    digest.update((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
    digest.update(bytes);
  }

  /** The resource's bytes, or null if {@code loader} has no such resource. */
  private static byte @Nullable [] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
