package io.warden.archfixture.bad.domain_outward.application.port.driven;

/** A port the domain must not know. */
public interface OrderNumbers {
  long next();
}
