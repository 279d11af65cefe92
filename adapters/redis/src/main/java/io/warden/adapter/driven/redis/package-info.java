/**
 * The shared cache tier (L2) on Redis: one Lettuce connection behind one Resilience4j circuit
 * breaker ({@link io.warden.adapter.driven.redis.RedisL2}, its clients and breakers built by {@link
 * io.warden.adapter.driven.redis.RedisClients} for every Redis user alike) and the
 * effective-permissions decorator that uses it ({@link
 * io.warden.adapter.driven.redis.RedisPermissionCache}: its entries and markers in {@code
 * L2Entries}, its epoch and version floor in {@code L2Namespace}).
 *
 * <p>Staleness is prevented with min-version markers compared atomically in Lua scripts, never with
 * key scans. The markers and entries must not be evicted independently: run the L2 Redis with
 * {@code maxmemory-policy noeviction} (a full Redis then fails writes, which only opens the
 * breaker) rather than an LRU policy, which could drop a marker while the entries it guards
 * survive.
 */
@NullMarked
package io.warden.adapter.driven.redis;

import org.jspecify.annotations.NullMarked;
