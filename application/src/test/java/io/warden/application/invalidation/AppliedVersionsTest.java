package io.warden.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppliedVersionsTest {

  @Test
  void unknown_until_the_first_cover() {
    AppliedVersions applied = new AppliedVersions();
    applied.applied(1);
    assertThat(applied.watermark()).isEqualTo(-1);
    applied.coverTo(0);
    assertThat(applied.watermark()).as("1 was applied before the cover").isEqualTo(1);
  }

  @Test
  void the_watermark_advances_only_over_a_contiguous_run() {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(10);
    applied.applied(12);
    applied.applied(13);
    assertThat(applied.watermark()).as("11 is missing: its writer may have died").isEqualTo(10);
    assertThat(applied.isApplied(12)).isTrue();
    assertThat(applied.isApplied(11)).isFalse();
    applied.applied(11);
    assertThat(applied.watermark()).isEqualTo(13);
  }

  @Test
  void a_cover_jumps_over_gaps_and_keeps_what_was_applied_above_it() {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(5);
    applied.applied(9);
    applied.applied(8);
    applied.coverTo(7);
    assertThat(applied.watermark()).isEqualTo(9);
    applied.coverTo(3);
    assertThat(applied.watermark()).as("never moves back").isEqualTo(9);
  }

  @Test
  void versions_at_or_below_the_watermark_count_as_applied() {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(20);
    assertThat(applied.isApplied(1)).isTrue();
    assertThat(applied.isApplied(20)).isTrue();
    assertThat(applied.isApplied(21)).isFalse();
  }

  @Test
  void a_reached_watermark_is_not_waited_for() {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(5);
    assertThat(applied.awaitWatermark(5, 0)).isTrue();
    assertThat(applied.awaitWatermark(3, 0)).isTrue();
    assertThat(applied.awaitWatermark(6, 0)).as("no time to wait").isFalse();
  }

  @Test
  void a_version_applied_above_a_gap_does_not_release_a_waiter() {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(5);
    applied.applied(7);
    assertThat(applied.awaitWatermark(7, 1_000_000)).as("6 is missing").isFalse();
  }

  @Test
  void a_waiter_is_released_when_the_watermark_reaches_its_version() throws Exception {
    AppliedVersions applied = new AppliedVersions();
    applied.coverTo(5);
    java.util.concurrent.CompletableFuture<Boolean> waited =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> applied.awaitWatermark(7, java.util.concurrent.TimeUnit.MINUTES.toNanos(5)),
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    applied.applied(7);
    applied.applied(6);
    assertThat(waited.get(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void an_interrupted_waiter_gives_up_and_keeps_its_interrupt() {
    AppliedVersions applied = new AppliedVersions();
    Thread.currentThread().interrupt();
    try {
      assertThat(applied.awaitWatermark(1, java.util.concurrent.TimeUnit.MINUTES.toNanos(5)))
          .isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
