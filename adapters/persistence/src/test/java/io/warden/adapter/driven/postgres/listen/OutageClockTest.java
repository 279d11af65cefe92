package io.warden.adapter.driven.postgres.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Down for N ms" counts from the moment the feed stopped being live, whichever way it stopped: the
 * regression was a connection that hung while PostgreSQL stopped (still "connected", no heartbeat
 * answered) being reported down since start-up.
 */
class OutageClockTest {
  private static final long MS = 1_000_000L;
  private static final Duration BOUND = Duration.ofSeconds(1);

  /** A clock connected since start-up, its last heartbeat answered {@code ms} after start. */
  private static OutageClock confirmedAt(long ms) {
    OutageClock clock = new OutageClock(BOUND, 0);
    clock.connected();
    clock.confirmed(ms * MS);
    return clock;
  }

  @Test
  void aHungConnectionIsDownFromTheMomentItsLastConfirmationExpired() {
    OutageClock clock = confirmedAt(34_000); // 34 s after start: the last heartbeat answered
    long now = 37_363 * MS; // ~3.4 s later, the connection hangs but has not dropped
    assertThat(clock.live(now)).isFalse();
    // Not live since 35 s (34 s + the 1 s bound): 2.363 s, not 37 s since start-up.
    assertThat(clock.notLiveFor(now)).isEqualTo(Duration.ofMillis(2_363));
  }

  @Test
  void aDroppedConnectionIsDownFromTheDropWhenThatCameFirst() {
    OutageClock clock = confirmedAt(10_000);
    clock.disconnected(10_200 * MS);
    assertThat(clock.notLiveFor(13_200 * MS)).isEqualTo(Duration.ofMillis(3_000));
  }

  @Test
  void laterFailedReconnectsDoNotMoveTheStartOfTheOutage() {
    OutageClock clock = confirmedAt(10_000);
    clock.disconnected(10_200 * MS);
    clock.disconnected(11_000 * MS);
    clock.disconnected(12_000 * MS);
    assertThat(clock.notLiveFor(13_200 * MS)).isEqualTo(Duration.ofMillis(3_000));
  }

  @Test
  void anOutageAfterARecoveryIsMeasuredFromItsOwnStart() {
    OutageClock clock = confirmedAt(1_000);
    clock.disconnected(1_100 * MS);
    clock.connected();
    clock.confirmed(30_000 * MS);
    assertThat(clock.live(30_500 * MS)).isTrue();
    assertThat(clock.notLiveFor(30_500 * MS)).isZero();
    clock.disconnected(30_600 * MS);
    assertThat(clock.notLiveFor(31_600 * MS)).isEqualTo(Duration.ofMillis(1_000));
  }

  @Test
  void neverConnectedIsDownSinceStart() {
    OutageClock clock = new OutageClock(BOUND, 5_000 * MS);
    assertThat(clock.live(6_000 * MS)).isFalse();
    assertThat(clock.notLiveFor(6_000 * MS)).isEqualTo(Duration.ofMillis(1_000));
    assertThat(clock.confirmedAt()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void liveWithinTheBoundOfTheLastConfirmation() {
    OutageClock clock = confirmedAt(2_000);
    assertThat(clock.live(3_000 * MS)).isTrue();
    assertThat(clock.live(3_001 * MS)).isFalse();
  }
}
