package io.warden.adapter.driven.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a take open the rate-limit store's breaker at once. Only a late answer is left
 * to the failure rate (one slow take answers 503, never a local quota); everything else means the
 * store is away, whatever the connection's open flag says at that instant (a command failed by a
 * socket the server just closed comes before Lettuce marks the connection inactive).
 */
class FailureClassificationTest {

  @Test
  void a_late_answer_is_a_timeout_however_deeply_it_is_wrapped() {
    assertThat(RedisQuotaStore.timedOut(new RedisCommandTimeoutException("Command timed out")))
        .isTrue();
    assertThat(
            RedisQuotaStore.timedOut(
                new IllegalStateException(
                    new ExecutionException(new RedisCommandTimeoutException("late")))))
        .isTrue();
    assertThat(RedisQuotaStore.timedOut(new CompletionException(new TimeoutException()))).isTrue();
  }

  @Test
  void a_closed_refused_or_failing_connection_is_not_a_timeout() {
    assertThat(RedisQuotaStore.timedOut(new RedisException("Connection closed"))).isFalse();
    assertThat(
            RedisQuotaStore.timedOut(
                new RedisException("Currently not connected. Commands are rejected.")))
        .isFalse();
    assertThat(
            RedisQuotaStore.timedOut(
                new RedisConnectionException(
                    "Unable to connect", new IOException("Connection refused"))))
        .isFalse();
    assertThat(
            RedisQuotaStore.timedOut(
                new IllegalStateException(
                    new ExecutionException(new IOException("Connection reset by peer")))))
        .isFalse();
  }
}
