package io.warden.archfixture.bad.domain_library.domain;

import javax.crypto.Mac;

/** Violation: the domain depends on something outside java.. (here javax.crypto). */
public final class Signature {
  public int length(Mac mac) {
    return mac.getMacLength();
  }
}
