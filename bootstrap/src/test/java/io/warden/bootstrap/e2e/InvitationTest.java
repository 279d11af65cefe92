package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adding a member by e-mail over HTTP against PostgreSQL and Redis: the inviter learns nothing
 * about the address, only its addressee sees and accepts the invitation, a check reflects the new
 * member at once, another tenant cannot touch it, and the roles it names obey the inviter's
 * escalation rule when inviting and again when accepting.
 */
class InvitationTest extends OneWardenTest {
  /** Headers that differ between any two answers, whatever they answer. */
  private static final Set<String> VARYING =
      Set.of("date", "x-request-id", "ratelimit-remaining", "ratelimit-reset");

  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    tenant = api.createTenant("inviting").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
  }

  private String invite(String token, String body) {
    return expect(client.post("/api/members", token, body), 202).json().getString("invitationId");
  }

  private Response accept(String id, String token) {
    return api.postEmpty("/api/auth/invitations/" + id + "/accept", token);
  }

  @Test
  void the_answer_is_the_same_for_an_account_a_stranger_and_a_member() {
    Account account = api.createUser("has-account");
    Account member = api.member(tenant, "member");
    List<Response> answers = new ArrayList<>();
    for (String email :
        List.of(account.email(), "never-" + UUID.randomUUID() + "@e2e.test", member.email())) {
      answers.add(client.post("/api/members", admin, json("email", email)));
    }

    List<String> bodies = new ArrayList<>();
    List<Map<String, List<String>>> headers = new ArrayList<>();
    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(202);
      String id = answer.json().getString("invitationId");
      bodies.add(answer.body().replace(id, "ID"));
      Map<String, List<String>> stable = new TreeMap<>(answer.raw().headers().map());
      stable.keySet().removeIf(name -> VARYING.contains(name.toLowerCase(Locale.ROOT)));
      headers.add(stable);
    }
    assertThat(bodies).containsOnly("{\"invitationId\":\"ID\"}");
    assertThat(headers).allSatisfy(h -> assertThat(h).isEqualTo(headers.get(0)));
  }

  @Test
  void the_addressee_accepts_and_a_check_reflects_it_at_once() {
    String permission = api.unique("invited").replace('-', '_') + ".read";
    api.createPermission(permission);
    String role = api.createRole(admin, api.unique("readers"), permission).getString("id");
    Account ivy = api.createUser("ivy");
    // Asked before: the answer for a non-member (not a cached one) must not outlive the accept.
    assertThat(api.check(admin, permission, ivy.id())).isFalse();

    String id =
        invite(
            admin, json("email", ivy.email().toUpperCase(Locale.ROOT), "roleIds", List.of(role)));
    String ivyToken = api.token(ivy);
    JsonArray pending = expect(client.get("/api/auth/invitations", ivyToken), 200).jsonArray();
    assertThat(pending).hasSize(1);
    JsonObject invitation = pending.getJsonObject(0);
    assertThat(invitation.getString("id")).isEqualTo(id);
    assertThat(invitation.getJsonObject("tenant").getString("id")).isEqualTo(tenant);
    assertThat(invitation.getJsonObject("invitedBy").keySet())
        .containsExactlyInAnyOrder("id", "email", "displayName");

    expect(accept(id, ivyToken), 204);

    assertThat(api.check(admin, permission, ivy.id())).isTrue();
    assertThat(api.check(api.token(ivy), permission)).isTrue();
    assertThat(expect(client.get("/api/auth/invitations", ivyToken), 200).jsonArray()).isEmpty();
    assertProblem(accept(id, ivyToken), 404);
  }

  @Test
  void nobody_else_sees_accepts_declines_or_revokes_it() {
    Account addressee = api.createUser("addressee");
    Account stranger = api.createUser("stranger");
    String otherTenant = api.createTenant("other").getString("id");
    String otherAdmin = api.token(api.member(otherTenant, "other-admin", "admin"));
    String id = invite(admin, json("email", addressee.email()));
    String strangerToken = api.token(stranger);

    assertThat(expect(client.get("/api/auth/invitations", strangerToken), 200).jsonArray())
        .isEmpty();
    assertThat(expect(client.get("/api/auth/invitations", otherAdmin), 200).jsonArray()).isEmpty();
    String random = UUID.randomUUID().toString();
    for (String token : List.of(strangerToken, otherAdmin, admin)) {
      JsonObject existing = assertProblem(accept(id, token), 404);
      assertThat(existing).isEqualTo(assertProblem(accept(random, token), 404));
    }
    for (String token : List.of(strangerToken, otherAdmin)) {
      JsonObject existing = assertProblem(client.delete("/api/auth/invitations/" + id, token), 404);
      assertThat(existing)
          .isEqualTo(assertProblem(client.delete("/api/auth/invitations/" + random, token), 404));
    }
    assertThat(expect(client.get("/api/auth/invitations", api.token(addressee)), 200).jsonArray())
        .hasSize(1);

    // Its own tenant's users.manage holder revokes it; then it is gone for the addressee too.
    expect(client.delete("/api/auth/invitations/" + id, admin), 204);
    assertProblem(accept(id, api.token(addressee)), 404);
  }

  @Test
  void the_addressee_declines() {
    Account dora = api.createUser("dora");
    String id = invite(admin, json("email", dora.email()));
    String doraToken = api.token(dora);

    expect(client.delete("/api/auth/invitations/" + id, doraToken), 204);
    assertProblem(accept(id, doraToken), 404);
    assertThat(expect(client.get("/api/auth/tenants", doraToken), 200).jsonArray()).isEmpty();
  }

  @Test
  void an_inviter_cannot_smuggle_a_role_granting_more_than_they_hold() {
    String adminRole = api.roleId(admin, "admin");
    String harmless = api.createRole(admin, api.unique("harmless"), "users.view").getString("id");
    String hrRole =
        api.createRole(admin, api.unique("hr"), "users.manage", "roles.assign", "users.view")
            .getString("id");
    Account hrAccount = api.member(tenant, "hr");
    api.assign(admin, hrRole, hrAccount.id());
    String hr = api.token(hrAccount);
    Account target = api.createUser("target");

    JsonObject refused =
        assertProblem(
            client.post(
                "/api/members", hr, json("email", target.email(), "roleIds", List.of(adminRole))),
            403);
    assertThat(refused.getString("detail")).contains("roles.bind").contains("cache.manage");
    String id = invite(hr, json("email", target.email(), "roleIds", List.of(harmless)));

    // The inviter loses users.view before the invitation is accepted: accepting re-checks.
    expect(
        client.put(
            "/api/roles/" + hrRole,
            admin,
            json("permissions", List.of("users.manage", "roles.assign"))),
        200);
    String targetToken = api.token(target);
    JsonObject late = assertProblem(accept(id, targetToken), 403);
    assertThat(late.getString("detail")).contains("users.view");
    assertThat(expect(client.get("/api/auth/tenants", targetToken), 200).jsonArray()).isEmpty();
    assertThat(api.check(admin, "users.view", target.id())).isFalse();
  }

  @Test
  void adding_by_user_id_is_for_system_administrators() {
    Account user = api.createUser("by-id");

    assertProblem(client.post("/api/members", admin, json("userId", user.id())), 403);
    JsonObject member =
        expect(client.post("/api/members", api.adminIn(tenant), json("userId", user.id())), 201)
            .json();
    assertThat(member.getString("userId")).isEqualTo(user.id());
  }
}
