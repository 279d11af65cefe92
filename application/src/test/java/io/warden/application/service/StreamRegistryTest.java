package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.PermissionEventsUseCase.Cap;
import io.warden.domain.model.user.UserId;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {

  @Test
  void theInstanceCapCountsEveryUserAndReleasesGiveSlotsBack() {
    StreamRegistry registry = new StreamRegistry(new StreamLimits(2, 3));
    UserId ann = UserId.random();
    UserId bob = UserId.random();
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
}
