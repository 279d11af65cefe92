/**
 * Gatling simulations (Java DSL) against a started Warden: {@link
 * io.warden.benchmarks.gatling.OpenLoopSimulation} for fixed arrival rates and {@link
 * io.warden.benchmarks.gatling.LoadProfileSimulation} for the baseline, stress, spike and endurance
 * profiles. The scripts in {@code benchmarks/} start Warden, write the feeder and run them.
 */
package io.warden.benchmarks.gatling;
