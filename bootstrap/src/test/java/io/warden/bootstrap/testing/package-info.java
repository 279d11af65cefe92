/** Test fixtures that start real Warden instances against real PostgreSQL and Redis. */
package io.warden.bootstrap.testing;
