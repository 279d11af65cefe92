/**
 * JMH micro-benchmarks of the hot path: {@link io.warden.benchmarks.PermissionSetBenchmark} for the
 * decision itself and {@link io.warden.benchmarks.HotPathBenchmark} for what the L1 tiers buy. They
 * run only when invoked explicitly (README.md), never in the default build.
 */
package io.warden.benchmarks;
