/**
 * The second invalidation channel over Redis: a stream of committed changes and a version beacon
 * raised by every writer before its commit (see {@code docs/invalidation-outages.md}).
 */
@NullMarked
package io.warden.adapter.driven.redis.witness;

import org.jspecify.annotations.NullMarked;
