package io.warden.archfixture.good.domain;

import java.time.Instant;

/** A domain value. */
public record Widget(String name, Instant renamedAt) {
  public Widget {
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
  }
}
