/**
 * Test support other modules reuse through this module's test-jar: fresh PostgreSQL databases
 * ({@link io.warden.adapter.driven.postgres.testing.TestPostgres}) and a clock tests move by hand.
 */
package io.warden.adapter.driven.postgres.testing;
