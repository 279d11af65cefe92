/**
 * Client-side probes that drive started Warden instances over HTTP and print what they measured
 * (cold batch loads, invalidation propagation); the {@code benchmarks/run-*.sh} scripts run them.
 */
package io.warden.benchmarks.probe;
