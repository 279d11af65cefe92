package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The heartbeat's schedule, driven by hand: no time passes. */
class LiveEventsLinkTest {

  @Test
  void anIntervalIsCutIntoTurnsOfATenthOfASecondAtLeastAndFifteenAtMost() {
    assertThat(LiveEventsLink.turns(Duration.ofSeconds(15))).isEqualTo(15);
    assertThat(LiveEventsLink.turns(Duration.ofHours(1))).isEqualTo(15);
    assertThat(LiveEventsLink.turns(Duration.ofSeconds(1))).isEqualTo(10);
    assertThat(LiveEventsLink.turns(Duration.ofMillis(100))).isEqualTo(1);
    assertThat(LiveEventsLink.turns(Duration.ofMillis(10))).isEqualTo(1);
  }

  @Test
  void theSchedulerCallsTheTurnsInOrderOncePerShareOfTheInterval() {
    CapturingScheduler scheduler = new CapturingScheduler();
    RecordingEvents events = new RecordingEvents();
    try {
      new LiveEventsLink().attach(events, Duration.ofSeconds(15), scheduler);

      assertThat(scheduler.periodNanos).isEqualTo(Duration.ofSeconds(1).toNanos());
      for (int i = 0; i < 16; i++) {
        scheduler.task.run();
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        expected.add((i % 15) + "/15");
      }
      assertThat(events.turns).containsExactlyElementsOf(expected);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aFailedTurnDoesNotStopTheNext() {
    CapturingScheduler scheduler = new CapturingScheduler();
    RecordingEvents events = new RecordingEvents();
    events.failNext = true;
    try {
      new LiveEventsLink().attach(events, Duration.ofSeconds(3), scheduler);
      scheduler.task.run();
      scheduler.task.run();
      assertThat(events.turns).containsExactly("0/15", "1/15");
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Keeps the periodic task instead of running it. */
  private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
    Runnable task;
    long periodNanos;

    CapturingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      this.task = command;
      this.periodNanos = unit.toNanos(period);
      return null;
    }
  }

  private static final class RecordingEvents implements PermissionEventsUseCase {
    final List<String> turns = new ArrayList<>();
    boolean failNext;

    @Override
    public void heartbeat(int turn, int of) {
      turns.add(turn + "/" + of);
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("a failed beat");
      }
    }

    @Override
    public Ticket issueTicket(String accessToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Opening open(String accessToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Opening openWithTicket(String ticket) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void changed(InvalidationScope scope, long version) {}

    @Override
    public int openStreams() {
      return 0;
    }

    @Override
    public void endAll() {}
  }
}
