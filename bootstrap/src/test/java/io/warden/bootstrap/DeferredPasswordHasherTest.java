package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredPasswordHasherTest {
  private final AtomicInteger builds = new AtomicInteger();

  /** A hasher whose "hash" is the password reversed; counts how often it was built. */
  private PasswordHasher build() {
    builds.incrementAndGet();
    return new PasswordHasher() {
      @Override
      public String hash(String password) {
        return new StringBuilder(password).reverse().toString();
      }

      @Override
      public boolean verify(String password, String hash) {
        return hash(password).equals(hash);
      }

      @Override
      public void verifyDummy(String password) {}
    };
  }

  @Test
  void nothing_is_built_until_the_start_asks_for_it_or_a_caller_needs_it() {
    DeferredPasswordHasher hasher = new DeferredPasswordHasher(this::build);

    assertThat(builds).hasValue(0);
    assertThat(hasher.isBuilt()).isFalse();
    // Needed before the start asked (the first start's provisioning): built on the caller.
    assertThat(hasher.hash("secret")).isEqualTo("terces");
    assertThat(hasher.verify("secret", "terces")).isTrue();
    hasher.startBuilding();

    assertThat(builds).hasValue(1);
    assertThat(hasher.isBuilt()).isTrue();
  }

  @Test
  void built_in_the_background_once_however_many_callers_wait_for_it() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DeferredPasswordHasher hasher =
        new DeferredPasswordHasher(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return build();
            });
    hasher.startBuilding();
    hasher.startBuilding();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(callers.submit(() -> hasher.verify("pw", "wp")));
      }
      Thread.sleep(50);
      assertThat(answers).noneMatch(Future::isDone); // they wait for the one build
      release.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(builds).hasValue(1);
  }

  @Test
  void a_failed_build_fails_every_call_with_its_cause() {
    DeferredPasswordHasher hasher =
        new DeferredPasswordHasher(
            () -> {
              throw new IllegalStateException("no Argon2 here");
            });

    assertThatThrownBy(() -> hasher.hash("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no Argon2 here");
    assertThatThrownBy(() -> hasher.verifyDummy("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no Argon2 here");
    assertThat(hasher.isBuilt()).isTrue();
  }
}
