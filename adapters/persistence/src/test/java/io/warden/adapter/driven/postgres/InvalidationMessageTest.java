package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  void a_message_needs_a_version_and_a_type() {
    assertThatThrownBy(() -> new InvalidationMessage(-1, "t", new InvalidationScope.Everything()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidationMessage(1, "", new InvalidationScope.Everything()))
        .isInstanceOf(IllegalArgumentException.class);
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

  private static final InvalidationScope.UserInTenant PAIR =
      new InvalidationScope.UserInTenant(TENANT, USER);

  private static PermissionSnapshot memberSet() {
    return PermissionSnapshot.read(
        PermissionSet.of("reports.view", "users.*"),
        OrganizationGrants.of(
            Map.of(
                new OrganizationId(UUID.fromString("99999999-8888-7777-6666-555555555555")),
                PermissionSet.of("audit.view", "audit.export"))),
        42,
        Optional.of(Instant.parse("2026-12-01T10:00:00.123Z")),
        Instant.parse("2026-11-30T22:00:00.456Z"));
  }

  @Test
  void a_user_in_tenant_message_carries_the_new_set_and_it_round_trips() {
    InvalidationMessage message =
        InvalidationMessage.parse(
            InvalidationMessage.of(
                    new RbacEvent.RoleUnassigned(TENANT, USER, RoleId.random()), 42, 7L)
                .toJsonWith(memberSet()));

    assertThat(message.set()).contains(memberSet());
    assertThat(message.toJson())
        .endsWith(
            ",\"at\":7,\"set\":{\"v\":42,\"p\":[\"reports.view\",\"users.*\"],"
                + "\"o\":[\"99999999-8888-7777-6666-555555555555|audit.export,audit.view\"],"
                + "\"member\":true,\"read\":1796076000456,\"until\":1796119200123}}");
    assertThat(InvalidationMessage.parse(message.toJson())).isEqualTo(message);

    PermissionSnapshot stranger = PermissionSnapshot.stranger(43, Instant.ofEpochMilli(5));
    String removed =
        InvalidationMessage.of(new RbacEvent.MemberRemoved(TENANT, USER), 43).toJsonWith(stranger);
    assertThat(InvalidationMessage.parse(removed).set()).contains(stranger);
  }

  @Test
  void only_a_user_in_tenant_message_carries_a_set() {
    assertThatThrownBy(
            () ->
                new InvalidationMessage(
                    1, "x", new InvalidationScope.WholeTenant(TENANT), 0, Optional.of(memberSet())))
        .isInstanceOf(IllegalArgumentException.class);
    String json =
        new InvalidationMessage(1, "x", PAIR, 0, Optional.of(memberSet()))
            .toJson()
            .replace("\"scope\":\"user_in_tenant\"", "\"scope\":\"tenant\"")
            .replace(",\"userId\":\"" + USER + "\"", "");
    assertThatThrownBy(() -> InvalidationMessage.parse(json))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_set_too_long_for_a_notify_is_left_out_and_the_message_goes_alone() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add("resource" + i + ".view");
    }
    PermissionSnapshot large =
        PermissionSnapshot.read(PermissionSet.of(many), 9, Optional.empty(), Instant.EPOCH);
    InvalidationMessage message =
        InvalidationMessage.of(new RbacEvent.RoleAssigned(TENANT, USER, RoleId.random()), 9);

    assertThat(message.toJsonWith(large)).isEqualTo(message.toJson());
    assertThat(InvalidationMessage.parse(message.toJsonWith(memberSet())).set()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"v\":1,\"p\":[],\"o\":[],\"member\":true}", // no read
        "{\"v\":1,\"p\":[\"NOT A NAME\"],\"o\":[],\"member\":true,\"read\":1}",
        "{\"v\":1,\"p\":[1],\"o\":[],\"member\":true,\"read\":1}",
        "{\"v\":1,\"p\":[],\"o\":[\"nobar\"],\"member\":true,\"read\":1}",
        "{\"v\":1,\"p\":[],\"o\":[\"1-1-1-1-1|a.b\"],\"member\":true,\"read\":1}",
        "{\"v\":1,\"p\":[\"a.b\"],\"o\":[],\"member\":false,\"read\":1}", // a stranger holds
        // nothing
        "{\"v\":1,\"p\":[],\"o\":[],\"member\":true,\"read\":1,\"extra\":1}",
        "{\"v\":1,\"p\":[],\"o\":[],\"member\":true,\"read\":1,\"v\":2}",
        "{\"v\":1,\"p\":[],\"o\":[],\"member\":\"yes\",\"read\":1}",
        "{\"v\":1,\"p\":[],\"o\":[],\"member\":true,\"read\":1,\"until\":\"later\"}",
        "{\"v\":1,\"p\":{},\"o\":[],\"member\":true,\"read\":1}"
      })
  void a_malformed_set_makes_the_message_unreadable(String set) {
    String json =
        "{\"v\":1,\"type\":\"x\",\"scope\":\"user_in_tenant\",\"tenantId\":\""
            + TENANT
            + "\",\"userId\":\""
            + USER
            + "\",\"set\":"
            + set
            + "}";
    assertThatThrownBy(() -> InvalidationMessage.parse(json))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void no_other_member_may_be_an_object() {
    assertThatThrownBy(
            () -> InvalidationMessage.parse("{\"v\":1,\"type\":{},\"scope\":\"everything\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
