package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SigningKeyRepository} must do: instances starting or rotating together agree on
 * one key, keys are listed newest first, a private key is replaced only if it is still what was
 * read, and a retired key is no longer active and is announced to every instance. Its callers run
 * outside the use cases' transactions, so every call here stands alone.
 */
public abstract class SigningKeyRepositoryContract {
  private SigningKeyRepository keys;

  /**
   * The repository under test, holding no key yet (the signing keys are global: a database adapter
   * empties its table).
   */
  protected abstract SigningKeyRepository withoutKeys();

  /** A listener of the storage's announcements, subscribed from now on. */
  protected abstract Announcements listen();

  @BeforeEach
  void empty() {
    keys = withoutKeys();
  }

  private static StoredSigningKey key(String id, int minutes) {
    return new StoredSigningKey(
        id,
        "ES256",
        "private-" + id,
        "public-" + id,
        StorageContract.NOW.plus(Duration.ofMinutes(minutes)));
  }

  private static StoredSigningKey successor(String id, int minutes) {
    StoredSigningKey key = key(id, minutes);
    return new StoredSigningKey(
        id,
        key.algorithm(),
        key.privateKey(),
        key.publicKey(),
        key.createdAt(),
        key.createdAt().plusSeconds(120));
  }

  @Test
  public void the_first_key_is_stored_and_a_second_one_keeps_it() {
    assertThat(keys.activeKeys()).isEmpty();
    StoredSigningKey first = key("first", 0);

    assertThat(keys.insertIfNoneActive(first)).containsExactly(first);
    assertThat(keys.insertIfNoneActive(key("late-comer", 5))).containsExactly(first);
    assertThat(keys.activeKeys()).containsExactly(first);
  }

  @Test
  public void instances_racing_to_create_the_first_key_agree_on_one() throws Exception {
    List<List<StoredSigningKey>> answers =
        race(6, i -> keys.insertIfNoneActive(key("kid-" + i, i)));

    assertThat(new HashSet<>(answers)).hasSize(1);
    assertThat(answers.get(0)).hasSize(1);
    assertThat(keys.activeKeys()).isEqualTo(answers.get(0));
  }

  @Test
  public void a_successor_is_stored_only_while_the_newest_key_is_the_one_named() {
    StoredSigningKey first = key("first", 0);
    keys.insertIfNoneActive(first);
    StoredSigningKey next = successor("next", 10);

    assertThat(keys.insertIfNewestIs("first", next)).containsExactly(next, first);
    assertThat(keys.insertIfNewestIs("first", successor("stale", 20))).containsExactly(next, first);
    assertThat(keys.activeKeys()).containsExactly(next, first);
    assertThat(keys.activeKeys().get(0).signsFrom()).isEqualTo(next.createdAt().plusSeconds(120));
  }

  @Test
  public void a_successor_is_stored_once_however_many_instances_rotate_together() throws Exception {
    keys.insertIfNoneActive(key("first", 0));

    List<List<StoredSigningKey>> answers =
        race(6, i -> keys.insertIfNewestIs("first", successor("successor-" + i, 100 + i)));

    Set<String> newest = new HashSet<>();
    for (List<StoredSigningKey> answer : answers) {
      newest.add(answer.get(0).keyId());
    }
    assertThat(newest).hasSize(1);
    assertThat(keys.activeKeys()).hasSize(2);
    assertThat(keys.activeKeys().get(0).keyId()).isEqualTo(newest.iterator().next());
  }

  @Test
  public void a_private_key_is_replaced_only_if_it_is_still_what_was_read() {
    StoredSigningKey key = keys.insertIfNoneActive(key("sealable", 0)).get(0);

    assertThat(keys.replacePrivateKey(key.keyId(), "not-what-is-stored", "x")).isFalse();
    assertThat(keys.replacePrivateKey(key.keyId(), key.privateKey(), "sealed")).isTrue();
    assertThat(keys.replacePrivateKey(key.keyId(), key.privateKey(), "again")).isFalse();
    assertThat(keys.replacePrivateKey("no-such-key", "sealed", "x")).isFalse();
    assertThat(keys.activeKeys()).containsExactly(key.withPrivateKey("sealed"));
  }

  @Test
  public void a_retired_key_is_no_longer_active_and_retiring_it_again_changes_nothing() {
    StoredSigningKey first = key("first", 0);
    keys.insertIfNoneActive(first);
    StoredSigningKey next = successor("next", 10);
    keys.insertIfNewestIs("first", next);

    try (Announcements announced = listen()) {
      assertThat(keys.retire("first")).isTrue();

      // Every instance forgets the key, and the tokens it verified, with the commit.
      assertThat(announced.next().scope()).isEqualTo(new InvalidationScope.Everything());
    }
    assertThat(keys.activeKeys()).containsExactly(next);
    assertThat(keys.retire("first")).isFalse();
    assertThat(keys.retire("no-such-key")).isFalse();
    assertThat(keys.activeKeys()).containsExactly(next);
  }

  private interface Attempt {
    List<StoredSigningKey> run(int instance);
  }

  /** What {@code instances} answer when they all make their attempt at once. */
  private static List<List<StoredSigningKey>> race(int instances, Attempt attempt)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<StoredSigningKey>>> results = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        int instance = i;
        Callable<List<StoredSigningKey>> call =
            () -> {
              start.await();
              return attempt.run(instance);
            };
        results.add(threads.submit(call));
      }
      start.countDown();
      List<List<StoredSigningKey>> answers = new ArrayList<>();
      for (Future<List<StoredSigningKey>> result : results) {
        answers.add(result.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }
}
