/**
 * JMH micro-benchmarks of the hot path: {@link io.warden.benchmarks.PermissionSetBenchmark} for the
 * decision itself and {@link io.warden.benchmarks.HotPathBenchmark} for what the L1 tiers buy. The
 * sub-packages hold the harnesses of BENCHMARKS.md (jCasbin, HTTP probes, memory, charts). Nothing
 * here runs in the default build; the scripts in {@code benchmarks/} run it.
 */
package io.warden.benchmarks;
