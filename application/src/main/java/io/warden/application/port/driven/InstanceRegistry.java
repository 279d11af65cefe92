package io.warden.application.port.driven;

/**
 * The instances of one logical service that are alive now (a heartbeat in the shared database):
 * what the rate limits divide by when their shared store is away. An implementation counts itself
 * and every instance heard from within its liveness bound; an instance that leaves stops counting
 * at once, a silent one once the bound has passed. An adapter keeps {@code
 * InstanceRegistryContract} (the application's test-jar).
 */
public interface InstanceRegistry {

  /** The number of live instances, this one included: never below 1. */
  int liveInstances();

  /** A registry of one: an instance that shares nothing. */
  InstanceRegistry SINGLE = () -> 1;
}
