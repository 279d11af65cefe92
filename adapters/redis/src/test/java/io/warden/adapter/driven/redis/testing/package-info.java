/**
 * Test support shared through this module's test-jar: where to find a Redis ({@link
 * io.warden.adapter.driven.redis.testing.TestRedis}), a real {@code redis-server} to kill and
 * restart ({@link io.warden.adapter.driven.redis.testing.RedisProcess}), and in-memory fakes of the
 * ports the L2 decorates.
 */
package io.warden.adapter.driven.redis.testing;
