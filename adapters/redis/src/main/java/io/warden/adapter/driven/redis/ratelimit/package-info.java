/**
 * The rate limits' shared quota on Redis ({@link
 * io.warden.adapter.driven.redis.ratelimit.RedisQuotaStore}): Bucket4j buckets through its Lettuce
 * proxy manager, with a connection and a circuit breaker of their own, apart from the L2 cache.
 */
@NullMarked
package io.warden.adapter.driven.redis.ratelimit;

import org.jspecify.annotations.NullMarked;
