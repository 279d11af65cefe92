/**
 * End-to-end tests: a real started Warden against real PostgreSQL and Redis, driven only through
 * its HTTP API, the way a client would use it.
 */
package io.warden.bootstrap.e2e;
