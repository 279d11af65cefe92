package io.warden.adapter.driven.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StripedRecorderTest {

  @Test
  void every_value_and_key_recorded_by_racing_threads_is_drained_exactly_once()
      throws InterruptedException {
    StripedRecorder recorder = new StripedRecorder(2);
    Histogram drained = new Histogram(2);
    int threads = 8;
    int perThread = 50_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long value = 1_000L * (t + 1);
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    await(start);
                    for (int i = 0; i < perThread; i++) {
                      recorder.record(2, value);
                    }
                  }));
    }
    start.countDown();
    StripedRecorder.Drained last = null;
    // The reader drains while the writers run: nothing may be lost or counted twice.
    while (writers.stream().anyMatch(Thread::isAlive)) {
      last = recorder.drainInto(drained);
    }
    for (Thread writer : writers) {
      writer.join();
    }
    last = recorder.drainInto(drained);

    assertThat(drained.getTotalCount()).isEqualTo((long) threads * perThread);
    assertThat(last.keys()).isEqualTo(2L * threads * perThread);
    assertThat(last.untimed()).isZero();
    assertThat(drained.getMinValue()).isEqualTo(drained.lowestEquivalentValue(1_000));
    assertThat(drained.getMaxValue()).isEqualTo(drained.highestEquivalentValue(8_000));
  }

  @Test
  void a_timed_call_stands_for_the_untimed_calls_before_it() {
    StripedRecorder recorder = new StripedRecorder(2);
    Histogram drained = new Histogram(2);
    for (int i = 0; i < 15; i++) {
      recorder.count(1);
    }
    StripedRecorder.Drained pending = recorder.drainInto(drained);
    assertThat(drained.getTotalCount()).isZero();
    assertThat(pending.untimed()).isEqualTo(15);
    assertThat(pending.keys()).isEqualTo(15);

    recorder.record(1, 5_000);
    StripedRecorder.Drained after = recorder.drainInto(drained);

    assertThat(drained.getTotalCount()).isEqualTo(16);
    assertThat(drained.getCountAtValue(5_000)).isEqualTo(16);
    assertThat(after.untimed()).isZero();
    assertThat(after.keys()).isEqualTo(16);
  }

  @Test
  void a_negative_duration_counts_as_zero() {
    StripedRecorder recorder = new StripedRecorder(2);
    Histogram drained = new Histogram(2);
    recorder.record(1, -5);
    recorder.drainInto(drained);
    assertThat(drained.getTotalCount()).isEqualTo(1);
    assertThat(drained.getMaxValue()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
