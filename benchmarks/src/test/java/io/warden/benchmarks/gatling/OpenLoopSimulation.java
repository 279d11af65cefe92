package io.warden.benchmarks.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A fixed arrival rate (open loop): {@code warden.rate} requests per second for {@code
 * warden.duration} seconds, each a new virtual user sending one request, whether or not earlier
 * ones have been answered — so queueing shows in the latencies instead of slowing the load down (no
 * coordinated omission). {@code warden.target} is {@code ping} or {@code check}.
 */
public class OpenLoopSimulation extends Simulation {
  {
    String target = Settings.string("warden.target", "ping");
    double rate = Settings.number("warden.rate", 100);
    int seconds = Settings.integer("warden.duration", 10);
    setUp(
            scenario(target + " at " + rate + "/s")
                .exec(Settings.request(target))
                .injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds))))
        .protocols(Settings.protocol());
  }
}
