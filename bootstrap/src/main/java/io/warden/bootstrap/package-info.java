/** Warden's entry point: configuration, hand wiring of every adapter, start and stop. */
package io.warden.bootstrap;
