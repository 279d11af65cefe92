package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.InstanceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InstanceRegistry} of several instances must do: count itself and every other
 * instance whose last heartbeat is within its liveness bound, never fewer than one; forget an
 * instance that left at once and a silent one once the bound has passed. The port only answers the
 * count; how an instance says it is alive and that it leaves is the adapter's, so the contract
 * reaches them through {@link Member}. ({@link InstanceRegistry#SINGLE} is the registry of one.)
 */
public abstract class InstanceRegistryContract {
  private final List<Member> members = new ArrayList<>();

  /** One instance's registry and what its adapter does besides counting. */
  protected interface Member extends AutoCloseable {
    InstanceRegistry registry();

    /** Says that this instance is alive now, and re-counts the others as of now. */
    void beat();

    /** This instance leaves (shutdown). */
    @Override
    void close();
  }

  /**
   * A new instance sharing what every other member of this test class shares (the database), not
   * yet beating; no instance of another test class beats there.
   */
  protected abstract Member newMember();

  /** How long after its last heartbeat an instance still counts (short: the contract waits it). */
  protected abstract Duration liveWithin();

  private Member join() {
    Member member = newMember();
    members.add(member);
    return member;
  }

  @AfterEach
  void leaveAll() {
    members.forEach(Member::close);
  }

  @Test
  public void an_instance_counts_itself_before_and_after_its_first_heartbeat() {
    Member alone = join();
    assertThat(alone.registry().liveInstances()).isEqualTo(1);

    alone.beat();

    assertThat(alone.registry().liveInstances()).isEqualTo(1);
  }

  @Test
  public void every_instance_that_beats_counts() {
    Member first = join();
    Member second = join();
    Member third = join();
    first.beat();
    second.beat();
    third.beat();

    first.beat();
    second.beat();

    assertThat(first.registry().liveInstances()).isEqualTo(3);
    assertThat(second.registry().liveInstances()).isEqualTo(3);
    assertThat(third.registry().liveInstances()).isEqualTo(3);
  }

  @Test
  public void an_instance_that_leaves_stops_counting_at_once() {
    Member staying = join();
    Member leaving = join();
    staying.beat();
    leaving.beat();
    staying.beat();
    assertThat(staying.registry().liveInstances()).isEqualTo(2);

    leaving.close();
    staying.beat();

    assertThat(staying.registry().liveInstances()).isEqualTo(1);
  }

  @Test
  public void a_silent_instance_stops_counting_once_the_bound_has_passed() throws Exception {
    Member beating = join();
    Member silent = join();
    silent.beat();
    beating.beat();
    assertThat(beating.registry().liveInstances()).isEqualTo(2);

    Thread.sleep(liveWithin().plusMillis(300));
    beating.beat();

    assertThat(beating.registry().liveInstances()).isEqualTo(1);
  }
}
