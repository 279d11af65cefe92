package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
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
}
