/**
 * Metrics: latency histograms recorded with HdrHistogram (lock-free on the hot path, exact
 * percentiles when read) and every metric exposed in Prometheus' text format through Micrometer's
 * Prometheus registry.
 */
@NullMarked
package io.warden.adapter.driven.metrics;

import org.jspecify.annotations.NullMarked;
