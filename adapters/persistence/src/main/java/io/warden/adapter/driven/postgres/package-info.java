/**
 * The PostgreSQL adapter: every driven storage port of the application implemented with MyBatis
 * mappers over a Hikari pool, the Liquibase schema, row-level security per tenant and the
 * transactional invalidation message. {@link io.warden.adapter.driven.postgres.PostgresPersistence}
 * is the only entry point; everything else is package-private.
 */
@NullMarked
package io.warden.adapter.driven.postgres;

import org.jspecify.annotations.NullMarked;
