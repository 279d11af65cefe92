package io.warden.archfixture.bad.cycle.beta;

import io.warden.archfixture.bad.cycle.alpha.Alpha;

/** The other half of the cycle. */
public final class Beta {
  public Alpha alpha() {
    return new Alpha();
  }
}
