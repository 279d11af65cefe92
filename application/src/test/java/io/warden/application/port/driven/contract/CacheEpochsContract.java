package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.contract.Announcements.Announced;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CacheEpochs} must do: the epoch stays put until advanced; an advance moves it
 * forward and is announced to every instance as an {@code Everything} invalidation with a new data
 * version; its callers (cache tiers) call it outside the use cases' transactions, and inside one it
 * takes part in it, so an advance rolled back is neither kept nor announced.
 */
public abstract class CacheEpochsContract extends AnnouncingContract {
  private CacheEpochs epochs() {
    return storage().cacheEpochs();
  }

  @Test
  public void the_epoch_stays_put_until_advanced() {
    long epoch = epochs().current();

    assertThat(epochs().current()).isEqualTo(epoch);
    assertThat(across(() -> epochs().current())).isEqualTo(epoch);
  }

  @Test
  public void an_advance_moves_the_epoch_forward_and_is_announced_to_everyone() {
    long epoch = epochs().current();
    RbacEvent before = new RbacEvent.UserChanged(UserId.random());
    long versionBefore = across(() -> storage().changeJournal().record(before));
    announced.next();

    long advanced = epochs().advance();

    assertThat(advanced).isGreaterThan(epoch);
    assertThat(epochs().current()).isEqualTo(advanced);
    Announced announcement = announced.next();
    assertThat(announcement.scope()).isEqualTo(new InvalidationScope.Everything());
    assertThat(announcement.version()).isGreaterThan(versionBefore);
    assertThat(epochs().advance()).isGreaterThan(advanced);
    assertThat(announced.next().version()).isGreaterThan(announcement.version());
  }

  @Test
  public void an_advance_rolled_back_with_its_transaction_is_neither_kept_nor_announced() {
    long epoch = epochs().current();

    try {
      acrossDo(
          () -> {
            epochs().advance();
            throw new IllegalStateException("undo");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    Announced marker = marker();

    assertThat(epochs().current()).isEqualTo(epoch);
    assertThat(announced.next()).isEqualTo(marker);
  }

  @Test
  public void an_advance_from_an_epoch_already_left_changes_nothing_and_prepares_nothing() {
    long epoch = epochs().current();
    List<Long> prepared = new ArrayList<>();

    long advanced = epochs().advance(epoch, prepared::add);
    Announced announcement = announced.next();
    long again = epochs().advance(epoch, prepared::add);
    Announced marker = marker();

    assertThat(advanced).isGreaterThan(epoch);
    assertThat(prepared).as("called once, with the new epoch").containsExactly(advanced);
    assertThat(announcement.scope()).isEqualTo(new InvalidationScope.Everything());
    assertThat(again).as("another instance already advanced it").isEqualTo(advanced);
    assertThat(epochs().current()).isEqualTo(advanced);
    assertThat(announced.next()).as("the second call announced nothing").isEqualTo(marker);
    assertThat(epochs().advance(CacheEpochs.ANY, prepared::add)).isGreaterThan(advanced);
  }

  @Test
  public void a_preparation_that_fails_undoes_the_advance() {
    long epoch = epochs().current();

    assertThatThrownBy(
            () ->
                epochs()
                    .advance(
                        epoch,
                        next -> {
                          throw new IllegalStateException("the shared cache refused");
                        }))
        .isInstanceOf(IllegalStateException.class);
    Announced marker = marker();

    assertThat(epochs().current()).isEqualTo(epoch);
    assertThat(announced.next()).isEqualTo(marker);
  }
}
