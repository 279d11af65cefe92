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
}
