/**
 * Footprint: retained heap of the L1 caches ({@link io.warden.benchmarks.memory.MemoryFootprint})
 * and a bare Helidon {@code /ping} server ({@link io.warden.benchmarks.memory.BarePingServer}) that
 * Warden's process RSS is compared with.
 */
package io.warden.benchmarks.memory;
