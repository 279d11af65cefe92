package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.QuotaStore.Slice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuotaStore} must do while it is reachable: a take gets what it wants while the
 * key's bucket holds it, then what is left, then nothing until the window ends and the bucket is
 * full again; a give-back returns permits, never above the limit; buckets are per key; and takes
 * from many threads at once never hand out more than the limit (every operation is atomic). How a
 * store fails and falls back when it is away is each adapter's own test.
 */
public abstract class QuotaStoreContract {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** The store under test, reachable; each test uses keys of its own. */
  protected abstract QuotaStore store();

  private static String newKey() {
    return "contract:" + UUID.randomUUID();
  }

  @Test
  public void a_take_gets_what_it_wants_while_the_bucket_holds_it() {
    Slice slice = store().take(newKey(), 10, MINUTE, 4);

    assertThat(slice.granted()).isEqualTo(4);
    assertThat(slice.remaining()).isEqualTo(6);
    assertThat(slice.nanosToReset()).isPositive().isLessThanOrEqualTo(MINUTE.toNanos());
  }

  @Test
  public void a_take_gets_what_is_left_and_then_nothing_until_the_window_ends() {
    String key = newKey();
    store().take(key, 10, MINUTE, 8);

    Slice rest = store().take(key, 10, MINUTE, 5);
    Slice none = store().take(key, 10, MINUTE, 1);

    assertThat(rest.granted()).isEqualTo(2);
    assertThat(rest.remaining()).isZero();
    assertThat(none.granted()).isZero();
    assertThat(none.remaining()).isZero();
    assertThat(none.nanosToReset()).isPositive().isLessThanOrEqualTo(MINUTE.toNanos());
  }

  @Test
  public void buckets_are_per_key() {
    String spent = newKey();
    store().take(spent, 3, MINUTE, 3);

    assertThat(store().take(spent, 3, MINUTE, 1).granted()).isZero();
    assertThat(store().take(newKey(), 3, MINUTE, 3).granted()).isEqualTo(3);
  }

  @Test
  public void a_give_back_returns_permits_never_above_the_limit() {
    String key = newKey();
    store().take(key, 10, MINUTE, 6);

    store().giveBack(key, 10, MINUTE, 3);
    assertThat(store().take(key, 10, MINUTE, 10).granted()).isEqualTo(7);

    store().giveBack(key, 10, MINUTE, 100);
    assertThat(store().take(key, 10, MINUTE, 100).granted()).isEqualTo(10);
  }

  @Test
  public void the_bucket_is_full_again_when_its_window_ends() throws InterruptedException {
    String key = newKey();
    Duration window = Duration.ofSeconds(1);
    store().take(key, 3, window, 3);
    Slice empty = store().take(key, 3, window, 1);
    assertThat(empty.granted()).isZero();

    Thread.sleep(Duration.ofNanos(empty.nanosToReset()).plusMillis(100));

    assertThat(store().take(key, 3, window, 3).granted()).isEqualTo(3);
  }

  @Test
  public void takes_from_many_threads_never_hand_out_more_than_the_limit() throws Exception {
    String key = newKey();
    long limit = 100;
    AtomicLong granted = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 10; i++) {
                      granted.addAndGet(store().take(key, limit, MINUTE, 3).granted());
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(granted.get()).isLessThanOrEqualTo(limit);
    long rest = store().take(key, limit, MINUTE, limit).granted();
    assertThat(granted.get() + rest).as("nothing lost, nothing handed out twice").isEqualTo(limit);
  }

  @Test
  public void a_reachable_store_does_not_refuse_and_describes_itself() {
    store().take(newKey(), 1, MINUTE, 1);

    assertThat(store().refusing()).isFalse();
    assertThat(store().describe()).isNotBlank();
  }
}
