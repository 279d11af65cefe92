package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotCodecTest {

  private static final Instant READ_AT = Instant.ofEpochMilli(1_699_999_999_456L);
  private static final String EMEA = "7c0f7d2e-1111-4a4a-9b9b-000000000001";
  private static final String APAC = "1c0f7d2e-2222-4a4a-9b9b-000000000002";

  @Test
  void round_trips_permissions_version_expiry_and_read_instant_answering_as_l2() {
    PermissionSnapshot snapshot =
        PermissionSnapshot.read(
            PermissionSet.of("users.view", "analytics:read:organization", "roles.*"),
            42,
            Optional.of(Instant.ofEpochMilli(1_700_000_000_123L)),
            READ_AT);

    String text = SnapshotCodec.encode(snapshot);

    assertThat(text)
        .isEqualTo(
            "42|1700000000123|1699999999456|analytics:read:organization,roles.*,users.view|");
    assertThat(SnapshotCodec.decode(text)).contains(snapshot.servedBy("l2"));
    assertThat(SnapshotCodec.decode(text).orElseThrow().computedAt()).isEqualTo(READ_AT);
  }

  @Test
  void round_trips_an_empty_set_without_expiry() {
    PermissionSnapshot snapshot =
        PermissionSnapshot.read(PermissionSet.empty(), 0, Optional.empty(), Instant.EPOCH);

    assertThat(SnapshotCodec.encode(snapshot)).isEqualTo("0||0||");
    assertThat(SnapshotCodec.decode("0||0||")).contains(snapshot.servedBy("l2"));
  }

  @Test
  void round_trips_organization_scoped_grants() {
    OrganizationId emea = new OrganizationId(UUID.fromString(EMEA));
    OrganizationId apac = new OrganizationId(UUID.fromString(APAC));
    PermissionSnapshot snapshot =
        PermissionSnapshot.read(
            PermissionSet.of("users.view"),
            OrganizationGrants.of(
                Map.of(
                    emea,
                    PermissionSet.of("reports.view", "reports:*"),
                    apac,
                    PermissionSet.of("roles.view"))),
            9,
            Optional.empty(),
            READ_AT);

    String text = SnapshotCodec.encode(snapshot);

    assertThat(text)
        .isEqualTo(
            "9||1699999999456|users.view|"
                + APAC
                + "=roles.view;"
                + EMEA
                + "=reports.view,reports:*");
    assertThat(SnapshotCodec.decode(text)).contains(snapshot.servedBy("l2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42|1700000000123|users.view,roles.edit",
        "0||",
        "7||roles.*",
        "42|1700000000123|1699999999456|users.view",
        "0||0|",
        "7||5|roles.*"
      })
  void a_format_1_or_2_entry_is_a_miss_to_be_replaced(String older) {
    // Format 2 knows nothing of scoped grants: serving it would deny what they grant.
    assertThat(SnapshotCodec.decode(older)).isEmpty();
  }

  @Test
  void expiry_is_rounded_down_to_the_millisecond_so_it_never_lasts_longer() {
    Instant until = Instant.ofEpochSecond(1_700_000_000L, 999_999_999);
    PermissionSnapshot snapshot =
        PermissionSnapshot.read(PermissionSet.of("a"), 1, Optional.of(until), READ_AT);

    PermissionSnapshot decoded = SnapshotCodec.decode(SnapshotCodec.encode(snapshot)).orElseThrow();

    assertThat(decoded.validUntil().orElseThrow()).isBeforeOrEqualTo(until);
    assertThat(decoded.validUntil().orElseThrow()).isAfter(until.minusMillis(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "|",
        "||",
        "|||",
        "x||5|users.view",
        "-1||5|users.view",
        "+1||5|users.view",
        "99999999999999999999||5|users.view",
        "1|soon|5|users.view",
        "1|12x|5|users.view",
        "1||later|users.view",
        "1|||users.view",
        "1||5x|users.view",
        "1||99999999999999999999|users.view",
        "1||5|Users.View",
        "1||5|users.view,",
        "1||5|,users.view",
        "1||5|users.view,,roles.edit",
        "1||5|users view",
        "1||5|users.view|roles.edit",
        "1||5|users.view;DROP",
        "1||5|users.view||",
        "1||5|users.view|" + EMEA,
        "1||5|users.view|" + EMEA + "=",
        "1||5|users.view|" + EMEA + "=Users.View",
        "1||5|users.view|" + EMEA + "=a;",
        "1||5|users.view|;" + EMEA + "=a",
        "1||5|users.view|" + EMEA + "=a;" + EMEA + "=b",
        "1||5|users.view|1-2-3-4-5=a",
        "1||5|users.view|" + "00000000-0000-0000-0000-00000000000G" + "=a",
        "1||5|users.view|" + "0000000-00000-0000-0000-000000000001" + "=a",
        "1||5|users.view|" + "00000000-0000-0000-0000-00000000000A" + "=a"
      })
  void anything_odd_is_not_an_entry(String oddity) {
    String text = oddity.startsWith("1||5|users.view|") ? oddity : oddity + "|";
    assertThat(SnapshotCodec.decode(text)).isEmpty();
  }

  @Test
  void an_oversized_value_is_not_an_entry() {
    String huge = "1||5|" + "a,".repeat(SnapshotCodec.MAX_ENCODED_LENGTH / 2) + "a|";

    assertThat(SnapshotCodec.decode(huge)).isEmpty();
  }

  @Test
  void a_negative_version_is_never_encoded() {
    PermissionSnapshot snapshot =
        new PermissionSnapshot(PermissionSet.empty(), -1, Optional.empty());

    assertThatThrownBy(() -> SnapshotCodec.encode(snapshot))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
