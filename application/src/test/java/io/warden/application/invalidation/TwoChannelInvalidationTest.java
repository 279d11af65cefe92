package io.warden.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeAnnouncer;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.InvalidationWitness;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule by which in-process caches trust old entries while the primary feed is down, played with
 * explicit instants and a witness whose beacon the test sets: every case in which it must stop
 * trusting (a writer that died between commit and announcement, a gap, an unknown beacon, a witness
 * not heard from within the bound, the maximum witnessed time) next to the one in which it may.
 */
class TwoChannelInvalidationTest {
  private static final long SECOND = 1_000_000_000L;
  private static final TenantId TENANT = TenantId.random();

  private final AtomicLong now = new AtomicLong(100 * SECOND);
  private final FakeWitness witness = new FakeWitness();
  private final FakeLog log = new FakeLog();
  private final List<String> announced = new ArrayList<>();
  private final List<String> evicted = new ArrayList<>();
  private final CacheInvalidation tiers = (scope, version) -> evicted.add(version + " " + scope);
  private boolean primaryLive = true;
  private long primaryConfirmedAt = Long.MIN_VALUE;
  private TwoChannelInvalidation channels;

  private final ChangeAnnouncer announcer =
      new ChangeAnnouncer() {
        @Override
        public void intend(long version) {
          announced.add("intend " + version);
        }

        @Override
        public void announce(long version, InvalidationScope scope) {
          announced.add("announce " + version);
        }
      };

  @BeforeEach
  void setUp() {
    channels = channels(Duration.ofSeconds(60));
  }

  /** The channels of this test, the witness vouching for at most {@code maximum}. */
  private TwoChannelInvalidation channels(Duration maximum) {
    return new TwoChannelInvalidation(
        announcer, witness, log, () -> primaryLive, () -> primaryConfirmedAt, maximum, now::get);
  }

  /** The primary feed connected at version {@code version} and was confirmed now. */
  private void connectedAt(long version) {
    primaryConfirmedAt = now.get();
    reconnected(version);
  }

  /** The primary feed reconnects at {@code version}; a flush is recorded as {@code flush <v>}. */
  private TwoChannelInvalidation.Reconciled reconnected(long version) {
    return channels.reconnected(version, tiers, v -> evicted.add("flush " + v));
  }

  private void primaryDown() {
    primaryLive = false;
  }

  /** Connected at 5, the witness's beacon at that watermark, then the primary feed went down. */
  private void primaryDownWithTheBeaconAtTheWatermark() {
    connectedAt(5);
    witness.beacon = 5;
    primaryDown();
  }

  private static InvalidationScope user() {
    return new InvalidationScope.UserInTenant(TENANT, UserId.random());
  }

  @Test
  void while_the_primary_feed_is_live_the_caches_are_trusted_without_a_witness() {
    connectedAt(5);
    witness.heard = false;
    assertThat(channels.feed().live()).isTrue();
  }

  @Test
  void primary_down_and_the_beacon_at_the_watermark_keeps_the_caches_trusted() {
    primaryDownWithTheBeaconAtTheWatermark();
    assertThat(channels.feed().live()).isTrue();
    assertThat(channels.witnessed()).isTrue();
  }

  @Test
  void a_writer_that_died_between_commit_and_announcement_leaves_its_version_in_the_beacon() {
    connectedAt(5);
    primaryDown();
    // The writer raised the beacon to 6 before committing, then died: 6 is never announced.
    witness.beacon = 6;
    assertThat(channels.feed().live()).isFalse();
    // A later change (7) announced and applied does not paper over the missing 6.
    witness.beacon = 7;
    channels.fromWitness(tiers).invalidate(user(), 7);
    assertThat(channels.applied().watermark()).isEqualTo(5);
    assertThat(channels.feed().live()).isFalse();
    // 6 arrives (the outbox retried it, or another channel): trusted again.
    channels.fromWitness(tiers).invalidate(user(), 6);
    assertThat(channels.feed().live()).isTrue();
  }

  @Test
  void a_witness_not_heard_from_within_the_bound_vouches_for_nothing() {
    primaryDownWithTheBeaconAtTheWatermark();
    witness.heard = false;
    assertThat(channels.feed().live()).isFalse();
  }

  @Test
  void the_witness_alone_keeps_the_caches_trusted_for_at_most_the_maximum() {
    primaryDownWithTheBeaconAtTheWatermark();
    now.addAndGet(60 * SECOND);
    assertThat(channels.feed().live()).isTrue();
    now.addAndGet(1);
    assertThat(channels.feed().live()).isFalse();
  }

  @Test
  void never_connected_means_no_watermark_and_no_trust() {
    witness.beacon = 0;
    primaryDown();
    assertThat(channels.feed().live()).isFalse();
  }

  @Test
  void a_maximum_of_zero_turns_the_witness_off() {
    channels = channels(Duration.ZERO);
    primaryDownWithTheBeaconAtTheWatermark();
    assertThat(channels.feed().live()).isFalse();
  }

  @Test
  void the_writer_raises_the_beacon_inside_the_transaction_and_announces_after_evicting() {
    AtomicLong clock = new AtomicLong(41);
    var journal = channels.journal(event -> clock.incrementAndGet());
    long version = journal.record(new RbacEvent.CacheFlushed(TENANT));
    assertThat(announced).containsExactly("intend 42");
    InvalidationScope scope = user();
    channels.afterCommit(tiers).invalidate(scope, version);
    assertThat(evicted).containsExactly("42 " + scope);
    assertThat(announced).containsExactly("intend 42", "announce 42");
  }

  @Test
  void the_writer_announces_even_when_its_own_eviction_failed() {
    CacheInvalidation failing =
        (scope, version) -> {
          throw new IllegalStateException("L2 down");
        };
    try {
      channels.afterCommit(failing).invalidate(user(), 9);
    } catch (IllegalStateException expected) {
      // ChangeTransactions logs it; the change is committed.
    }
    assertThat(announced).containsExactly("announce 9");
    assertThat(channels.applied().isApplied(9)).isFalse();
  }

  @Test
  void a_change_already_applied_from_the_primary_feed_is_not_evicted_again() {
    connectedAt(5);
    evicted.clear();
    InvalidationScope scope = user();
    channels.fromPrimary(tiers).invalidate(scope, 6);
    channels.fromWitness(tiers).invalidate(scope, 6);
    assertThat(evicted).containsExactly("6 " + scope);
    assertThat(channels.applied().watermark()).isEqualTo(6);
  }

  @Test
  void everything_at_a_version_covers_every_version_before_it() {
    connectedAt(5);
    channels.fromWitness(tiers).invalidate(new InvalidationScope.Everything(), 9);
    assertThat(channels.applied().watermark()).isEqualTo(9);
  }

  @Test
  void on_reconnection_exactly_what_was_missed_is_evicted_from_the_log() {
    connectedAt(5);
    evicted.clear();
    InvalidationScope six = user();
    InvalidationScope seven = new InvalidationScope.WholeTenant(TENANT);
    log.changes.put(6L, six);
    log.changes.put(7L, seven);
    primaryDown();
    TwoChannelInvalidation.Reconciled outcome = reconnected(7);
    assertThat(outcome).isEqualTo(TwoChannelInvalidation.Reconciled.FROM_LOG);
    assertThat(evicted).containsExactly("6 " + six, "7 " + seven);
    assertThat(channels.applied().watermark()).isEqualTo(7);
  }

  @Test
  void on_reconnection_a_log_with_a_hole_flushes_instead() {
    connectedAt(5);
    evicted.clear();
    log.changes.put(7L, user());
    TwoChannelInvalidation.Reconciled outcome = reconnected(7);
    assertThat(outcome).isEqualTo(TwoChannelInvalidation.Reconciled.FLUSHED);
    assertThat(evicted).containsExactly("flush 7");
  }

  @Test
  void the_first_connection_flushes_and_a_failing_log_flushes() {
    TwoChannelInvalidation.Reconciled first = reconnected(3);
    assertThat(first).isEqualTo(TwoChannelInvalidation.Reconciled.FLUSHED);
    log.failing = true;
    TwoChannelInvalidation.Reconciled failing = reconnected(4);
    assertThat(failing).isEqualTo(TwoChannelInvalidation.Reconciled.FLUSHED);
    assertThat(evicted).containsExactly("flush 3", "flush 4");
  }

  @Test
  void nothing_missed_evicts_nothing() {
    connectedAt(5);
    evicted.clear();
    assertThat(reconnected(5)).isEqualTo(TwoChannelInvalidation.Reconciled.NOTHING);
    assertThat(evicted).isEmpty();
  }

  /** A witness whose last beacon the test sets; heard = answered within the bound. */
  private static final class FakeWitness implements InvalidationWitness {
    long beacon = Long.MAX_VALUE;
    boolean heard = true;

    @Override
    public boolean vouchesUpTo(long appliedUpTo) {
      return heard && beacon <= appliedUpTo;
    }

    @Override
    public String describe() {
      return "beacon " + beacon;
    }
  }

  private static final class FakeLog implements ChangeLog {
    final TreeMap<Long, InvalidationScope> changes = new TreeMap<>();
    boolean failing;

    @Override
    public Optional<List<Logged>> between(long after, long upTo) {
      if (failing) {
        throw new IllegalStateException("database down");
      }
      List<Logged> found = new ArrayList<>();
      for (long v = after + 1; v <= upTo; v++) {
        InvalidationScope scope = changes.get(v);
        if (scope == null) {
          return Optional.empty();
        }
        found.add(new Logged(v, scope));
      }
      return Optional.of(found);
    }

    @Override
    public int forgetUpTo(long version) {
      int before = changes.size();
      changes.headMap(version, true).clear();
      return before - changes.size();
    }
  }
}
