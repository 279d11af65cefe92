/**
 * The cache-tier SPI: how a cache tier (in-process, shared, or any new one) is put in front of the
 * ports it speeds up, so that bootstrap composes the tiers as a list instead of wiring each by
 * hand.
 */
@NullMarked
package io.warden.application.port.driven.cache;

import org.jspecify.annotations.NullMarked;
