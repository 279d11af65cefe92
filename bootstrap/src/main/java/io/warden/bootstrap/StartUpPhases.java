package io.warden.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    return new StartUpPhases(now, sinceLaunch());
  }

  /**
   * How long ago this process was launched, to the 10 ms of the kernel's clock ticks: its start in
   * ticks after boot ({@code /proc/self/stat}) against the time since boot ({@code /proc/uptime}).
   * Not {@code ProcessHandle.info().startInstant()}: it adds those ticks to the boot time, which
   * Linux gives in whole seconds, so its "launch" is up to a second early (a Hello World read 0.9 s
   * of JVM start on this machine). Where {@code /proc} cannot say, nothing is claimed.
   */
  static Optional<Duration> sinceLaunch() {
    try {
      return sinceLaunch(
          Files.readString(Path.of("/proc/self/stat")), Files.readString(Path.of("/proc/uptime")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The same from the two files' text. Field 22 of {@code stat} counts from the end of the
   * command's name (which may hold spaces and parentheses); its unit is the ABI's fixed 100 ticks a
   * second ({@code USER_HZ}), whatever the kernel's own tick rate.
   */
  static Optional<Duration> sinceLaunch(String stat, String uptime) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long startTicks = Long.parseLong(fields[19]);
    long uptimeCentis = Math.round(Double.parseDouble(uptime.trim().split(" ")[0]) * 100);
    long elapsedMillis = (uptimeCentis - startTicks) * 10;
    return elapsedMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(elapsedMillis));
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
