package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invitations through the production routing: inviting, listing, accepting, declining. */
@ServerTest
class InvitationEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  InvitationEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  private String invite(String email, String token) {
    Reply reply = api.json("POST", "/api/members", token, "{\"email\":\"" + email + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    return reply.object().getString("invitationId");
  }

  @Test
  void the_addressee_lists_and_accepts_with_any_token() {
    WORLD.warden.createUser("ivy@example.test");
    String id = invite("Ivy@Example.test", WORLD.acmeAdminToken);
    String ivy = WORLD.token("ivy@example.test");

    Reply listed = api.get("/api/auth/invitations", ivy);
    assertThat(listed.status()).isEqualTo(200);
    JsonArray items = listed.array();
    assertThat(items).hasSize(1);
    JsonObject invitation = items.getJsonObject(0);
    assertThat(invitation.keySet())
        .containsExactlyInAnyOrder("id", "tenant", "invitedBy", "createdAt", "expiresAt");
    assertThat(invitation.getString("id")).isEqualTo(id);
    assertThat(invitation.getJsonObject("tenant").getString("slug")).isEqualTo("acme");
    assertThat(invitation.getJsonObject("invitedBy").getString("email")).isEqualTo("ada@acme.test");
    assertThat(Instant.parse(invitation.getString("expiresAt")))
        .isAfter(Instant.parse(invitation.getString("createdAt")));

    assertProblem(
        api.json("POST", "/api/auth/invitations/" + id + "/accept", WORLD.acmeMemberToken, null),
        404);
    Reply accepted = api.json("POST", "/api/auth/invitations/" + id + "/accept", ivy, null);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
    assertThat(api.get("/api/auth/tenants", ivy).array())
        .extracting(t -> t.asJsonObject().getString("slug"))
        .containsExactly("acme");
    assertProblem(api.json("POST", "/api/auth/invitations/" + id + "/accept", ivy, null), 404);
    assertThat(api.get("/api/auth/invitations", ivy).array()).isEmpty();
  }

  @Test
  void decline_revoke_and_nobody_else() {
    WORLD.warden.createUser("dora@example.test");
    String dora = WORLD.token("dora@example.test");
    String declined = invite("dora@example.test", WORLD.acmeAdminToken);
    String revoked = invite("dora@example.test", WORLD.globexAdminToken);

    assertProblem(api.delete("/api/auth/invitations/" + declined, WORLD.globexAdminToken), 404);
    assertProblem(api.delete("/api/auth/invitations/" + declined, WORLD.acmeMemberToken), 404);
    assertThat(api.delete("/api/auth/invitations/" + declined, dora).status()).isEqualTo(204);
    assertProblem(api.delete("/api/auth/invitations/" + revoked, WORLD.acmeAdminToken), 404);
    assertThat(api.delete("/api/auth/invitations/" + revoked, WORLD.globexAdminToken).status())
        .isEqualTo(204);
    assertThat(api.get("/api/auth/invitations", dora).array()).isEmpty();
    assertProblem(api.delete("/api/auth/invitations/" + UUID.randomUUID(), dora), 404);
  }

  @Test
  void every_invitation_endpoint_needs_a_token() {
    String id = UUID.randomUUID().toString();
    assertProblem(api.get("/api/auth/invitations", null), 401);
    assertProblem(api.json("POST", "/api/auth/invitations/" + id + "/accept", null, null), 401);
    assertProblem(api.delete("/api/auth/invitations/" + id, null), 401);
  }
}
