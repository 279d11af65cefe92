package io.warden.application.fake;

import io.warden.application.port.driven.InvalidationFeed;

/** An invalidation feed that a test connects and disconnects at will. */
public final class FakeInvalidationFeed implements InvalidationFeed {
  private volatile boolean live = true;

  @Override
  public boolean live() {
    return live;
  }

  public void setLive(boolean live) {
    this.live = live;
  }
}
