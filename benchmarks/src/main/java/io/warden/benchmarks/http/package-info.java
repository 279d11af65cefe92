/**
 * Drives a started Warden from outside, over its HTTP API: what the harnesses use instead of the
 * internal services, which change shape while the core is refactored.
 */
package io.warden.benchmarks.http;
