package io.warden.application.port.driven.contract;

import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A storage contract that watches what the storage announces to every instance: {@link #announced}
 * holds the messages from the start of each test on.
 */
public abstract class AnnouncingContract extends StorageContract {
  /** What the storage announced since the test began. */
  protected Announcements announced;

  /** A listener of the storage's announcements, subscribed from now on. */
  protected abstract Announcements listen();

  @BeforeEach
  void subscribe() {
    announced = listen();
  }

  @AfterEach
  void unsubscribe() {
    announced.close();
  }

  /** A committed change no other test makes: what arrives before it was announced before it. */
  protected Announcements.Announced marker() {
    RbacEvent event = new RbacEvent.UserChanged(UserId.random());
    return new Announcements.Announced(
        across(() -> storage().changeJournal().record(event)), event.scope());
  }
}
