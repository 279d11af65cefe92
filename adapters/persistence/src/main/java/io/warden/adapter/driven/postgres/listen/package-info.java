/**
 * The receiving side of transactional invalidation: a dedicated {@code LISTEN} connection that
 * hands every committed change's message to the cache tiers and says whether it is live.
 */
@NullMarked
package io.warden.adapter.driven.postgres.listen;

import org.jspecify.annotations.NullMarked;
