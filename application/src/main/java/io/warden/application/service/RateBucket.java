package io.warden.application.service;

import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import java.time.Duration;

/** One limited key of one class: what a lease, a local window and a store bucket are kept for. */
record RateBucket(RateClass rateClass, String key) {

  /** The class's window. */
  Duration window() {
    return Duration.ofSeconds(rateClass.windowSeconds());
  }

  /** The key of this bucket in the shared store: {@code <class>:<key>}. */
  String storeKey() {
    return rateClass.wireName() + ":" + key;
  }
}
