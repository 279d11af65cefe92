package io.warden.adapter.driven.redis.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeCodecTest {
  private static final TenantId TENANT =
      new TenantId(UUID.fromString("11111111-2222-3333-4444-555555555555"));
  private static final UserId USER =
      new UserId(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));

  @Test
  void every_scope_round_trips_and_a_tree_is_not_its_tenant() {
    for (InvalidationScope scope :
        List.of(
            new InvalidationScope.Everything(),
            new InvalidationScope.WholeTenant(TENANT),
            new InvalidationScope.WholeUser(USER),
            new InvalidationScope.UserInTenant(TENANT, USER),
            new InvalidationScope.TenantTree(TENANT))) {
      assertThat(ScopeCodec.decode(ScopeCodec.encode(scope))).isEqualTo(scope);
    }
    assertThat(ScopeCodec.encode(new InvalidationScope.TenantTree(TENANT)))
        .isEqualTo("tt:" + TENANT.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tt:", "tt:nope", "x:11111111-2222-3333-4444-555555555555"})
  void anything_else_is_refused(String text) {
    assertThatThrownBy(() -> ScopeCodec.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
