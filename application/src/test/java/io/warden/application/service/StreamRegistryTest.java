package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.PermissionEventsUseCase.Cap;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {
  private final UserId ann = UserId.random();
  private final UserId bob = UserId.random();

  @Test
  void theInstanceCapCountsEveryUserAndReleasesGiveSlotsBack() {
    StreamRegistry registry = new StreamRegistry(new StreamLimits(2, 3));
    UserId cy = UserId.random();

    assertThat(registry.reserve(ann)).isEmpty();
    assertThat(registry.reserve(ann)).isEmpty();
    assertThat(registry.reserve(ann)).contains(Cap.PER_USER);
    assertThat(registry.reserve(bob)).isEmpty();
    assertThat(registry.reserve(cy)).contains(Cap.PER_INSTANCE);
    assertThat(registry.size()).isEqualTo(3);

    registry.release(ann);
    assertThat(registry.reserve(cy)).isEmpty();
    assertThat(registry.reserve(ann)).contains(Cap.PER_INSTANCE);
  }

  @Test
  void theHeartbeatsTurnsShareTheStreamsOutAndEachTurnVisitsOnlyItsOwn() {
    StreamRegistry registry = new StreamRegistry(new StreamLimits(10, 100));
    TenantId tenant = TenantId.random();
    List<LiveStream> streams = new ArrayList<>();
    for (int serial = 0; serial < 7; serial++) {
      LiveStream stream = stream(serial, serial % 2 == 0 ? ann : bob, tenant);
      registry.add(stream);
      streams.add(stream);
    }

    assertThat(visited(registry, 0, 3))
        .containsExactlyInAnyOrder(streams.get(0), streams.get(3), streams.get(6));
    assertThat(visited(registry, 1, 3)).containsExactlyInAnyOrder(streams.get(1), streams.get(4));
    assertThat(visited(registry, 2, 3)).containsExactlyInAnyOrder(streams.get(2), streams.get(5));
    // The one turn of one is every stream.
    assertThat(visited(registry, 0, 1)).containsExactlyInAnyOrderElementsOf(streams);

    registry.remove(streams.get(3));
    assertThat(visited(registry, 0, 3)).containsExactlyInAnyOrder(streams.get(0), streams.get(6));
  }

  private static List<LiveStream> visited(StreamRegistry registry, int turn, int turns) {
    List<LiveStream> visited = new ArrayList<>();
    registry.inTurn(turn, turns, visited::add);
    return visited;
  }

  private static LiveStream stream(long serial, UserId user, TenantId tenant) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    AccessClaims claims =
        new AccessClaims(
            user, "session", "token-" + serial, now, now.plusSeconds(900), Optional.of(tenant));
    return new LiveStream(serial, claims, tenant, (stream, revision) -> null, () -> {});
  }
}
