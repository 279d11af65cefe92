package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenDigest} is the SHA-256 of the token's UTF-16 code units, computed afresh for every
 * token even when many threads digest at once (the digest is cloned from a shared, never used
 * prototype).
 */
class TokenDigestTest {

  @Test
  void is_the_sha256_of_the_utf16_code_units() throws Exception {
    for (String token : List.of("", "a", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "\ud800x")) {
      assertThat(TokenDigest.of(token)).as(token).isEqualTo(reference(token));
    }
  }

  @Test
  void digests_from_many_threads_at_once_are_each_their_own_tokens() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      tokens.add("token-" + i + ".".repeat(i % 97));
    }
    List<Future<Boolean>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        answers.add(
            threads.submit(
                () -> {
                  for (String token : tokens) {
                    if (!TokenDigest.of(token).equals(reference(token))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    }
  }

  private static TokenDigest reference(String token) throws Exception {
    ByteBuffer units = ByteBuffer.allocate(token.length() * 2);
    for (int i = 0; i < token.length(); i++) {
      units.putChar(token.charAt(i));
    }
    ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(units.array()));
    return new TokenDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
  }
}
