package io.warden.archfixture.bad.coding.adapter.driven.redis;

/** Violation: writes to standard out. */
public final class PrintingCache {
  public void evict(String key) {
    System.out.println("evicted " + key);
  }
}
