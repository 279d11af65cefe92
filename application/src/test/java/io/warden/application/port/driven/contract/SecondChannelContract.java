package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeAnnouncer;
import io.warden.application.port.driven.InvalidationWitness;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every second invalidation channel must do, as {@link ChangeAnnouncer} (writers) and {@link
 * InvalidationWitness} (readers) together: what one instance announces reaches the others with its
 * version and scope; a witness vouches up to a version only once it has heard that no writer began
 * a higher one, and never before it heard anything; {@code intend} never lowers what it heard; an
 * unreachable channel fails no change and vouches for nothing within its staleness bound.
 *
 * <p>The channel works on its own time (polling, pushing), so the contract waits for what must
 * happen, within a generous deadline that no assertion measures; it proves that something did not
 * happen by letting a later announcement arrive first.
 */
public abstract class SecondChannelContract {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final List<Instance> joined = new ArrayList<>();

  /** One instance's end of the channel and what reached it through the channel. */
  public record Instance(
      ChangeAnnouncer announcer, InvalidationWitness witness, AutoCloseable resources) {}

  /**
   * A new instance on this test's channel (each test a channel of its own), its primary feed down,
   * handing what reaches it to {@code onChange}; returns once it receives what is announced from
   * then on.
   */
  protected abstract Instance join(CacheInvalidation onChange);

  /** Makes the channel unreachable for every instance. */
  protected abstract void cutOff();

  /** Makes it reachable again (it may have lost what it held). */
  protected abstract void restore();

  private record Joined(Instance instance, List<String> received) {
    ChangeAnnouncer announcer() {
      return instance.announcer();
    }

    InvalidationWitness witness() {
      return instance.witness();
    }
  }

  private Joined newInstance() {
    List<String> received = new CopyOnWriteArrayList<>();
    Instance instance = join((scope, version) -> received.add(version + " " + scope));
    joined.add(instance);
    return new Joined(instance, received);
  }

  @AfterEach
  void leaveAll() throws Exception {
    for (Instance instance : joined.reversed()) {
      instance.resources().close();
    }
  }

  @Test
  public void what_one_instance_announces_reaches_the_others_with_its_version_and_scope() {
    Joined writer = newInstance();
    Joined reader = newInstance();
    InvalidationScope scope = new InvalidationScope.WholeUser(UserId.random());

    writer.announcer().intend(41);
    writer.announcer().announce(41, scope);
    writer.announcer().announce(42, new InvalidationScope.Everything());

    await("both arrive", () -> reader.received().size() >= 2);
    assertThat(reader.received())
        .containsExactly("41 " + scope, "42 " + new InvalidationScope.Everything());
  }

  @Test
  public void a_witness_vouches_only_up_to_what_it_heard_writers_began() {
    Joined writer = newInstance();
    Joined reader = newInstance();
    assertThat(reader.witness().vouchesUpTo(Long.MAX_VALUE - 1))
        .as("heard of no writer yet: vouches for nothing")
        .isFalse();

    writer.announcer().intend(5);
    await("vouches up to 5", () -> reader.witness().vouchesUpTo(5));
    assertThat(reader.witness().vouchesUpTo(4)).isFalse();

    writer.announcer().intend(8);
    await("no longer vouches up to 5", () -> !reader.witness().vouchesUpTo(5));
    await("vouches up to 8", () -> reader.witness().vouchesUpTo(8));

    writer.announcer().intend(6); // a slower writer: the witness must not forget 8
    writer.announcer().announce(7, new InvalidationScope.Everything());
    await("a later announcement arrived", () -> reader.received().contains("7 " + everything()));
    writer.announcer().announce(8, new InvalidationScope.Everything());
    await("and one more", () -> reader.received().contains("8 " + everything()));
    assertThat(reader.witness().vouchesUpTo(7)).isFalse();
    assertThat(reader.witness().vouchesUpTo(8)).isTrue();
    assertThat(reader.witness().describe()).isNotBlank();
  }

  @Test
  public void an_unreachable_channel_fails_no_change_and_vouches_for_nothing() {
    Joined writer = newInstance();
    Joined reader = newInstance();
    writer.announcer().intend(3);
    await("vouches up to 3", () -> reader.witness().vouchesUpTo(3));

    cutOff();
    try {
      assertThatCode(
              () -> {
                writer.announcer().intend(4);
                writer.announcer().announce(4, everything());
              })
          .doesNotThrowAnyException();
      await("vouches for nothing", () -> !reader.witness().vouchesUpTo(Long.MAX_VALUE - 1));
    } finally {
      restore();
    }
  }

  private static InvalidationScope everything() {
    return new InvalidationScope.Everything();
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
