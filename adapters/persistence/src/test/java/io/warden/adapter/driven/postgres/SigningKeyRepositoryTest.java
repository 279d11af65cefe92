package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import io.warden.domain.event.InvalidationScope;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What only PostgreSQL shows of the signing keys (rows stored, retirements announced with the
 * commit); the port's contract runs in {@link PostgresStorageContractTest}.
 */
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SigningKeyRepositoryTest extends PostgresTestBase {

  @Override
  protected int poolSize() {
    return 8;
  }

  private StoredSigningKey key(String id, int minutesFromStart) {
    return new StoredSigningKey(
        id,
        "ES256",
        "private-" + id,
        "public-" + id,
        clock.in(minutesFromStart, ChronoUnit.MINUTES));
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void instances_racing_to_create_the_first_key_agree_on_one() throws Exception {
    assertThat(db.signingKeys().activeKeys()).isEmpty();
    int instances = 8;
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<StoredSigningKey>>> results = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        StoredSigningKey mine = key("kid-" + i, i);
        Callable<List<StoredSigningKey>> attempt =
            () -> {
              start.await();
              return db.signingKeys().insertIfNoneActive(mine);
            };
        results.add(threads.submit(attempt));
      }
      start.countDown();
      Set<List<StoredSigningKey>> seen = new HashSet<>();
      for (Future<List<StoredSigningKey>> result : results) {
        seen.add(result.get());
      }

      assertThat(seen).hasSize(1);
      List<StoredSigningKey> agreed = seen.iterator().next();
      assertThat(agreed).hasSize(1);
      assertThat(db.signingKeys().activeKeys()).isEqualTo(agreed);
      assertThat(adminCount("SELECT count(*) FROM signing_keys")).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void active_keys_are_newest_first_and_a_second_insert_keeps_the_existing_key() {
    List<StoredSigningKey> before = db.signingKeys().activeKeys();
    assertThat(db.signingKeys().insertIfNoneActive(key("late-comer", 100))).isEqualTo(before);

    adminExecute(
        "INSERT INTO signing_keys VALUES ('rotated-in', 'ES256', 'p', 'q',"
            + " '2030-01-02T00:00:00Z', true), ('retired', 'ES256', 'p', 'q',"
            + " '2030-01-03T00:00:00Z', false)");

    assertThat(db.signingKeys().activeKeys())
        .extracting(StoredSigningKey::keyId)
        .containsExactly("rotated-in", before.get(0).keyId());
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void inside_an_open_transaction_it_takes_part_in_it() {
    int keys = across(() -> db.signingKeys().activeKeys().size());

    assertThat(keys).isEqualTo(2);
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void retiring_a_key_announces_it_to_every_instance_with_the_commit() throws Exception {
    String victim = db.signingKeys().activeKeys().get(0).keyId();
    long versionBefore = db.dataVersion();
    try (NotificationListener listener = new NotificationListener(db)) {
      assertThat(db.signingKeys().retire(victim)).isTrue();

      InvalidationMessage message = InvalidationMessage.parse(listener.next(1).get(0));
      assertThat(message.type()).isEqualTo("signing-key.retired");
      assertThat(message.scope()).isEqualTo(new InvalidationScope.Everything());
      assertThat(message.version()).isEqualTo(versionBefore + 1);
    }
    assertThat(db.signingKeys().activeKeys())
        .extracting(StoredSigningKey::keyId)
        .doesNotContain(victim);
    assertThat(
            adminCount(
                "SELECT count(*) FROM signing_keys WHERE kid = '"
                    + victim
                    + "' AND NOT active AND retired_at IS NOT NULL"))
        .isEqualTo(1);
    // Retiring it again changes nothing and announces nothing.
    assertThat(db.signingKeys().retire(victim)).isFalse();
    assertThat(db.dataVersion()).isEqualTo(versionBefore + 1);
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void a_retirement_rolled_back_with_its_transaction_is_neither_done_nor_announced()
      throws Exception {
    String survivor = db.signingKeys().activeKeys().get(0).keyId();
    long versionBefore = db.dataVersion();
    try (NotificationListener listener = new NotificationListener(db)) {
      try {
        across(
            () -> {
              db.signingKeys().retire(survivor);
              throw new IllegalStateException("the transaction fails after the retirement");
            });
      } catch (IllegalStateException expected) {
        // rolled back
      }
      // A marker proves that nothing was announced before it.
      adminExecute("SELECT pg_notify('" + InvalidationMessage.CHANNEL + "', 'marker')");
      assertThat(listener.next(1)).containsExactly("marker");
    }
    assertThat(db.signingKeys().activeKeys())
        .extracting(StoredSigningKey::keyId)
        .contains(survivor);
    assertThat(db.dataVersion()).isEqualTo(versionBefore);
  }
}
