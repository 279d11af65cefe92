package io.warden.benchmarks.gatling;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The load profiles of Warden's original plan, as users: each virtual user is a client that sends
 * one permission check every {@code warden.pace} milliseconds (default 100, i.e. 10 checks per
 * second per user, paced so a slow answer does not lower the offered rate) until the profile ends.
 *
 * <ul>
 *   <li>{@code baseline}: 100 users (ramped in over 5 s) for {@code warden.duration} seconds
 *       (default 300).
 *   <li>{@code stress}: 1,000 users ramped in over 10 s, held for {@code warden.duration} seconds
 *       (default 60).
 *   <li>{@code spike}: 0 → 500 users within 30 s, held for {@code warden.duration} seconds (default
 *       30).
 *   <li>{@code endurance}: 100 users for {@code warden.duration} seconds (default 600: the
 *       shortened soak; set it to hours on a dedicated machine).
 * </ul>
 *
 * <p>{@code warden.users} overrides the profile's user count (the smoke runs use fewer).
 */
public class LoadProfileSimulation extends Simulation {
  {
    String profile = Settings.string("warden.profile", "baseline");
    int pace = Settings.integer("warden.pace", 100);
    Shape shape =
        switch (profile) {
          case "baseline" -> new Shape(100, 5, 300);
          case "stress" -> new Shape(1000, 10, 60);
          case "spike" -> new Shape(500, 30, 30);
          case "endurance" -> new Shape(100, 5, 600);
          default ->
              throw new IllegalArgumentException(
                  "warden.profile must be baseline, stress, spike or endurance");
        };
    int users = Settings.integer("warden.users", shape.users());
    int rampSeconds = shape.rampSeconds();
    int holdSeconds = Settings.integer("warden.duration", shape.holdSeconds());
    // Every user stops at the same instant: the end of the ramp plus the hold.
    Duration each = Duration.ofSeconds(rampSeconds + holdSeconds);
    ScenarioBuilder clients =
        scenario(profile)
            .exec(during(each).on(pace(Duration.ofMillis(pace)).exec(Settings.check())));
    PopulationBuilder population =
        clients.injectOpen(rampUsers(users).during(Duration.ofSeconds(rampSeconds)));
    setUp(population).protocols(Settings.protocol()).maxDuration(each);
  }

  /** A profile's users, ramped up over {@code rampSeconds}, then held for {@code holdSeconds}. */
  private record Shape(int users, int rampSeconds, int holdSeconds) {}
}
