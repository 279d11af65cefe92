package io.warden.benchmarks.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A fixed arrival rate (open loop): {@code warden.rate} requests per second, each a new virtual
 * user sending one request whether or not earlier ones have been answered — so queueing shows in
 * the latencies instead of slowing the load down (no coordinated omission). {@code warden.target}
 * is {@code ping} or {@code check}.
 *
 * <p>The first {@code warden.warmup} seconds (default 0) send the same requests under the name
 * {@code warm-up}, so that Gatling's own JVM and the server are warm when the {@code
 * warden.duration} measured seconds start; the harnesses read the measured request's statistics
 * from its page of the HTML report ({@code req_ping-*.html} or {@code req_check-*.html}).
 */
public class OpenLoopSimulation extends Simulation {
  private static volatile long measuredFrom;

  private final String target = Settings.string("warden.target", "ping");
  private final int warmup = Settings.integer("warden.warmup", 0);

  {
    double rate = Settings.number("warden.rate", 100);
    int seconds = Settings.integer("warden.duration", 10);
    setUp(
            scenario(target + " at " + rate + "/s")
                .exec(
                    Settings.request(
                        target, session -> System.nanoTime() < measuredFrom ? "warm-up" : target))
                .injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(warmup + seconds))))
        .protocols(Settings.protocol());
  }

  @Override
  public void before() {
    measuredFrom = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
  }
}
