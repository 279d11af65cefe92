package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.contract.Announcements.Announced;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvalidationFeed} must do: once live, it hands every committed change to the
 * instance's tiers exactly once, in commit order, with the change's data version and scope (epoch
 * advances too); a change rolled back never arrives; a stopped feed is not live. Delivery is
 * asynchronous in a real database, so the tests wait for what must arrive (a generous bound that is
 * never what they assert) and prove absence with a marker committed afterwards.
 */
public abstract class InvalidationFeedContract extends StorageContract {
  private static final long GIVE_UP_AFTER_SECONDS = 30;

  private final List<Announced> received = new CopyOnWriteArrayList<>();
  private Started feed;

  /** A feed that has been started; closing it stops it. */
  public interface Started extends InvalidationFeed, AutoCloseable {
    @Override
    void close();
  }

  /** Starts a feed of the storage that hands every message to {@code tiers}. */
  protected abstract Started start(CacheInvalidation tiers);

  @BeforeEach
  void startTheFeed() {
    feed = start((scope, version) -> received.add(new Announced(version, scope)));
    await("the feed to become live", () -> feed.live());
  }

  @AfterEach
  void stopTheFeed() {
    feed.close();
  }

  private Announced commit(RbacEvent event) {
    return new Announced(across(() -> storage().changeJournal().record(event)), event.scope());
  }

  /** Waits until {@code count} messages arrived, then returns them. */
  private List<Announced> receivedAtLeast(int count) {
    await(count + " messages", () -> received.size() >= count);
    return List.copyOf(received);
  }

  @Test
  public void every_committed_change_arrives_once_in_commit_order_with_its_version_and_scope() {
    TenantId tenant = newTenant();
    received.clear();
    List<Announced> committed = new ArrayList<>();
    committed.add(commit(new RbacEvent.TenantChanged(tenant)));
    committed.add(commit(new RbacEvent.UserChanged(UserId.random())));
    RbacEvent first = new RbacEvent.CacheFlushed(tenant);
    RbacEvent second = new RbacEvent.MemberRemoved(tenant, UserId.random());
    List<Long> both =
        inTenant(
            tenant,
            () ->
                List.of(
                    storage().changeJournal().record(first),
                    storage().changeJournal().record(second)));
    committed.add(new Announced(both.get(0), first.scope()));
    committed.add(new Announced(both.get(1), second.scope()));
    long epochVersionAfter = committed.get(committed.size() - 1).version();
    storage().cacheEpochs().advance();
    Announced marker = commit(new RbacEvent.UserChanged(UserId.random()));

    List<Announced> arrived = receivedAtLeast(committed.size() + 2);

    assertThat(arrived.subList(0, committed.size())).containsExactlyElementsOf(committed);
    Announced advance = arrived.get(committed.size());
    assertThat(advance.scope()).isEqualTo(new InvalidationScope.Everything());
    assertThat(advance.version()).isGreaterThan(epochVersionAfter);
    assertThat(arrived.subList(committed.size() + 1, arrived.size())).containsExactly(marker);
  }

  @Test
  public void a_rolled_back_change_never_arrives() {
    TenantId tenant = newTenant();
    received.clear();

    try {
      inTenantDo(
          tenant,
          () -> {
            storage().changeJournal().record(new RbacEvent.TenantChanged(tenant));
            throw new IllegalStateException("the change fails after journaling");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    Announced marker = commit(new RbacEvent.UserChanged(UserId.random()));

    assertThat(receivedAtLeast(1)).containsExactly(marker);
  }

  @Test
  public void a_stopped_feed_is_not_live() {
    feed.close();

    assertThat(feed.live()).isFalse();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_AFTER_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + what);
      }
    }
  }
}
