package io.warden.archfixture.bad.cycle.alpha;

import io.warden.archfixture.bad.cycle.beta.Beta;

/** One half of a cycle between two rings. */
public final class Alpha {
  public Beta beta() {
    return new Beta();
  }
}
