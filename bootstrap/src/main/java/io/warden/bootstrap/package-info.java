/** Warden's entry point: configuration, hand wiring of every adapter, start and stop. */
@NullMarked
package io.warden.bootstrap;

import org.jspecify.annotations.NullMarked;
