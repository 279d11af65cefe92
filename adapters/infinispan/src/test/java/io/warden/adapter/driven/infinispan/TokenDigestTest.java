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
 * token even when many threads digest at once (each call borrows a hasher no other thread holds, or
 * makes one).
 */
class TokenDigestTest {

  @Test
  void is_the_sha256_of_the_utf16_code_units() throws Exception {
    for (String token : List.of("", "a", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "\ud800x")) {
      assertThat(TokenDigest.of(token)).as(token).isEqualTo(reference(token));
    }
  }

  @Test
  void is_the_same_for_every_length_around_and_past_the_buffer_it_feeds_the_digest_with()
      throws Exception {
    // Real tokens are ~600 characters; the digest is fed 128 code units at a time.
    StringBuilder token = new StringBuilder();
    for (int length = 0; length <= 1_100; length++) {
      String text = token.toString();
      assertThat(TokenDigest.of(text)).as("length %d", length).isEqualTo(reference(text));
      // High bytes matter too: a unit above 0xFF, and a lone surrogate now and then.
      token.append(length % 7 == 0 ? (char) (0x3b1 + length % 13) : (char) ('a' + length % 26));
      if (length % 101 == 0) {
        token.append('\udc00');
      }
    }
  }

  @Test
  void digests_from_many_threads_at_once_are_each_their_own_tokens() throws Exception {
    digestsFromThreadsAtOnce(8, 2_000);
  }

  @Test
  void digests_from_more_threads_than_hashers_are_each_their_own_tokens_too() throws Exception {
    // Past the few shared hashers per core, a thread that finds them all busy makes its own.
    digestsFromThreadsAtOnce(300, 100);
  }

  private static void digestsFromThreadsAtOnce(int count, int tokenCount) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < tokenCount; i++) {
      tokens.add("token-" + i + ".".repeat(i % 97));
    }
    List<Future<Boolean>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
      for (int t = 0; t < count; t++) {
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
