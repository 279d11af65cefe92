package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidationMessageTest {
  private static final TenantId TENANT =
      new TenantId(UUID.fromString("11111111-2222-3333-4444-555555555555"));
  private static final UserId USER =
      new UserId(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));

  @Test
  void every_scope_has_its_exact_wire_form() {
    assertThat(
            InvalidationMessage.of(new RbacEvent.PermissionDeleted(new PermissionName("a.b")), 7)
                .toJson())
        .isEqualTo("{\"v\":7,\"type\":\"permission.deleted\",\"scope\":\"everything\"}");
    assertThat(
            InvalidationMessage.of(new RbacEvent.RoleChanged(TENANT, RoleId.random()), 8).toJson())
        .isEqualTo(
            "{\"v\":8,\"type\":\"role.changed\",\"scope\":\"tenant\",\"tenantId\":\""
                + TENANT
                + "\"}");
    assertThat(InvalidationMessage.of(new RbacEvent.UserChanged(USER), 9).toJson())
        .isEqualTo(
            "{\"v\":9,\"type\":\"user.changed\",\"scope\":\"user\",\"userId\":\"" + USER + "\"}");
    assertThat(InvalidationMessage.of(new RbacEvent.MemberRemoved(TENANT, USER), 10).toJson())
        .isEqualTo(
            "{\"v\":10,\"type\":\"member.removed\",\"scope\":\"user_in_tenant\",\"tenantId\":\""
                + TENANT
                + "\",\"userId\":\""
                + USER
                + "\"}");
    assertThat(
            InvalidationMessage.of(
                    new RbacEvent.OrganizationTreeChanged(
                        TENANT, new OrganizationId(new UUID(0, 1))),
                    11)
                .toJson())
        .isEqualTo(
            "{\"v\":11,\"type\":\"organization.changed\",\"scope\":\"tenant_tree\","
                + "\"tenantId\":\""
                + TENANT
                + "\"}");
  }

  @Test
  void parse_reads_back_what_to_json_writes() {
    for (InvalidationScope scope :
        new InvalidationScope[] {
          new InvalidationScope.Everything(),
          new InvalidationScope.WholeTenant(TENANT),
          new InvalidationScope.WholeUser(USER),
          new InvalidationScope.UserInTenant(TENANT, USER),
          new InvalidationScope.TenantTree(TENANT)
        }) {
      InvalidationMessage message = new InvalidationMessage(Long.MAX_VALUE, "x.y", scope);
      assertThat(InvalidationMessage.parse(message.toJson())).isEqualTo(message);
    }
  }

  @Test
  void parse_accepts_any_key_order_whitespace_and_escapes() {
    String json =
        " {\n \"scope\" : \"user\", \"userId\":\""
            + USER
            + "\",\t\"type\":\"user\\u002echanged\\/x\", \"v\":0 } ";

    assertThat(InvalidationMessage.parse(json))
        .isEqualTo(
            new InvalidationMessage(0, "user.changed/x", new InvalidationScope.WholeUser(USER)));
  }

  @Test
  void a_type_with_quotes_survives_the_round_trip() {
    InvalidationMessage message =
        new InvalidationMessage(1, "odd\"type\\\n", new InvalidationScope.Everything());

    assertThat(InvalidationMessage.parse(message.toJson())).isEqualTo(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "{}",
        "{\"v\":1,\"type\":\"t\"}",
        "{\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":-1,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":01,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":1.5,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":1e3,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":\"1\",\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":99999999999999999999,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":\"\",\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":7,\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"galaxy\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"everything\",\"extra\":1}",
        "{\"v\":1,\"v\":2,\"type\":\"t\",\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"everything\"} x",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"everything\",}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"everything\"",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"everything\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant\",\"tenantId\":\"not-a-uuid\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant\",\"tenantId\":\"1-1-1-1-1\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\",\"userId\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"user\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\",\"userId\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"user_in_tenant\",\"userId\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant_tree\"}",
        "{\"v\":1,\"type\":\"t\",\"scope\":\"tenant_tree\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\",\"userId\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"}",
        "{\"v\":1,\"type\":\"t\\x\",\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":\"t\\u12\",\"scope\":\"everything\"}",
        "{\"v\":1,\"type\":\"tab\there\",\"scope\":\"everything\"}",
        "{'v':1,'type':'t','scope':'everything'}",
        "{\"v\":true,\"type\":\"t\",\"scope\":\"everything\"}"
      })
  void parse_refuses_anything_else(String json) {
    assertThatThrownBy(() -> InvalidationMessage.parse(json))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_message_needs_a_version_type_and_scope() {
    assertThatThrownBy(() -> new InvalidationMessage(-1, "t", new InvalidationScope.Everything()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidationMessage(1, "", new InvalidationScope.Everything()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidationMessage(1, "t", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_journal_time_is_optional_and_round_trips() {
    InvalidationMessage stamped =
        InvalidationMessage.of(new RbacEvent.UserChanged(USER), 11, 1_767_600_000_123L);

    assertThat(stamped.toJson()).endsWith(",\"at\":1767600000123}");
    assertThat(InvalidationMessage.parse(stamped.toJson())).isEqualTo(stamped);
    assertThat(
            InvalidationMessage.parse("{\"v\":1,\"type\":\"x\",\"scope\":\"everything\"}")
                .journaledAtMillis())
        .isEqualTo(InvalidationMessage.UNKNOWN_TIME);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                InvalidationMessage.parse(
                    "{\"v\":1,\"type\":\"x\",\"scope\":\"everything\",\"at\":\"soon\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
