/**
 * Tests of Warden's promise about its caches, against real PostgreSQL and real Redis: every tier
 * answers as the database does, a warm request touches no database, every change reaches every
 * instance within the staleness bound (and the writing instance at once), concurrent loads never
 * resurrect a revoked permission, and losing Redis or the {@code LISTEN} connection costs speed,
 * never correctness.
 */
package io.warden.bootstrap.cache;
