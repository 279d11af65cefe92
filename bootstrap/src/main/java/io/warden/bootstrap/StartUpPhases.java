package io.warden.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What each phase of a start cost, logged once at INFO when the instance is ready: where the time
 * to ready goes, on every start, without a profiler. The first figure is the JVM's own start (from
 * process launch to the first phase), when the operating system reports the launch time. Parts
 * started beside the phases on threads of their own ({@link StartedBeside}) are listed after them
 * with their own durations: they overlap the phases, so they are not part of the total, and a phase
 * that had to wait for one of them shows that wait.
 */
final class StartUpPhases {
  private final long started;
  private final Optional<Duration> launchToFirstPhase;
  private final List<String> phases = new ArrayList<>();
  private final List<String> beside = new CopyOnWriteArrayList<>();
  private long last;

  private StartUpPhases(long started, Optional<Duration> launchToFirstPhase) {
    this.started = started;
    this.last = started;
    this.launchToFirstPhase = launchToFirstPhase;
  }

  /** Starts timing now; the JVM's own start is measured from the process's launch time. */
  static StartUpPhases begin() {
    long now = System.nanoTime();
    // Wall-clock arithmetic on purpose: the launch instant comes from the operating system.
    Optional<Duration> jvm =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(launch -> Duration.between(launch, Instant.now()))
            .filter(duration -> !duration.isNegative());
    return new StartUpPhases(now, jvm);
  }

  /** Ends the phase running since the previous call (or since {@link #begin()}). */
  void done(String phase) {
    long now = System.nanoTime();
    phases.add(phase + " " + TimeUnit.NANOSECONDS.toMillis(now - last) + " ms");
    last = now;
  }

  /** A part that ran beside the phases took {@code nanos}; callable from any thread. */
  void beside(String part, long nanos) {
    beside.add(part + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
  }

  /** One line: the total, then each phase in order, then what ran beside them. */
  String summary() {
    long total = TimeUnit.NANOSECONDS.toMillis(last - started);
    StringBuilder line = new StringBuilder("Ready ");
    launchToFirstPhase.ifPresentOrElse(
        jvm ->
            line.append(jvm.toMillis() + total)
                .append(" ms after launch: jvm ")
                .append(jvm.toMillis())
                .append(" ms, "),
        () -> line.append("in ").append(total).append(" ms: "));
    line.append(String.join(", ", phases));
    if (!beside.isEmpty()) {
      line.append("; beside them: ").append(String.join(", ", beside));
    }
    return line.toString();
  }
}
