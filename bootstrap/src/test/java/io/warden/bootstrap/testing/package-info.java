/**
 * Test fixtures that start real Warden instances against real PostgreSQL and Redis, and wait,
 * bounded, for what they do in the background ({@link io.warden.bootstrap.testing.Poll}).
 */
package io.warden.bootstrap.testing;
