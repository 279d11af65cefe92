/**
 * The HTTP load driver: logs in as demo users of a running Warden on the loopback interface and
 * fires bounded, closed-loop scenarios ({@code /ping}, {@code /api/authz/check}, {@code
 * /api/authz/check-batch}) from virtual threads, reporting throughput and latency percentiles.
 * {@code benchmarks/run-load.sh} starts Warden and runs it.
 */
package io.warden.benchmarks.load;
