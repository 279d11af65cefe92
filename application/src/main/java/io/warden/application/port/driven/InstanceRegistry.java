package io.warden.application.port.driven;

/**
 * The instances of one logical service that are alive now (a heartbeat in the shared database):
 * what the rate limits divide by when their shared store is away.
 */
public interface InstanceRegistry {

  /** The number of live instances, this one included: never below 1. */
  int liveInstances();

  /** A registry of one: an instance that shares nothing. */
  InstanceRegistry SINGLE = () -> 1;
}
