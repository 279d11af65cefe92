package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The organization tree and {@code /api/me}'s organizations through the production routing. */
@ServerTest
class OrganizationEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  OrganizationEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  private JsonObject create(String name, String parentId) {
    String body =
        parentId == null
            ? "{\"name\":\"" + name + "\"}"
            : "{\"name\":\"" + name + "\",\"parentId\":\"" + parentId + "\"}";
    Reply reply = api.json("POST", "/api/organizations", WORLD.acmeAdminToken, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.object();
  }

  private JsonObject me(String token) {
    Reply reply = api.get("/api/me", token);
    assertThat(reply.status()).isEqualTo(200);
    return reply.object();
  }

  @Test
  void a_tree_is_created_listed_moved_renamed_and_deleted() {
    JsonObject root = create("Root", null);
    JsonObject emea = create("EMEA", root.getString("id"));
    JsonObject paris = create("Paris", emea.getString("id"));
    assertThat(root.keySet()).containsExactlyInAnyOrder("id", "name", "parentId");
    assertThat(root.get("parentId")).isEqualTo(JsonValue.NULL);
    assertThat(paris.getString("parentId")).isEqualTo(emea.getString("id"));

    Reply listed = api.get("/api/organizations", WORLD.acmeAdminToken);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.array().getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("id"))
        .contains(root.getString("id"), emea.getString("id"), paris.getString("id"));
    // Another tenant sees none of them.
    assertThat(api.get("/api/organizations", WORLD.globexAdminToken).array().toString())
        .doesNotContain(root.getString("id"));

    Reply moved =
        api.json(
            "PATCH",
            "/api/organizations/" + paris.getString("id"),
            WORLD.acmeAdminToken,
            "{\"name\":\"Paris HQ\",\"parentId\":\"" + root.getString("id") + "\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.object())
        .containsEntry("name", str("Paris HQ"))
        .containsEntry("parentId", str(root.getString("id")));

    Reply toRoot =
        api.json(
            "PATCH",
            "/api/organizations/" + paris.getString("id"),
            WORLD.acmeAdminToken,
            "{\"parentId\":null}");
    assertThat(toRoot.object().get("parentId")).isEqualTo(JsonValue.NULL);
    assertThat(toRoot.object()).containsEntry("name", str("Paris HQ"));

    JsonObject lyon = create("Lyon", emea.getString("id"));
    Reply deleted = api.delete("/api/organizations/" + emea.getString("id"), WORLD.acmeAdminToken);
    assertThat(deleted.status()).isEqualTo(204);
    JsonObject lyonNow =
        api
            .get("/api/organizations", WORLD.acmeAdminToken)
            .array()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(o -> o.getString("id").equals(lyon.getString("id")))
            .findFirst()
            .orElseThrow();
    assertThat(lyonNow.getString("parentId")).isEqualTo(root.getString("id"));
    assertProblem(
        api.delete("/api/organizations/" + emea.getString("id"), WORLD.acmeAdminToken), 404);
  }

  @Test
  void me_shows_direct_and_accessible_organizations_and_follows_moves_at_once() {
    JsonObject group = create("Group", null);
    JsonObject sales = create("Sales", group.getString("id"));
    JsonObject north = create("North", sales.getString("id"));
    JsonObject other = create("Other", null);
    String member = WORLD.acmeMember.id().toString();
    String path = "/api/organizations/" + sales.getString("id") + "/members/" + member;

    assertThat(api.json("POST", path, WORLD.acmeAdminToken, null).status()).isEqualTo(204);
    assertThat(api.json("POST", path, WORLD.acmeAdminToken, null).status()).isEqualTo(204);

    JsonObject me = me(WORLD.acmeMemberToken);
    assertThat(me.getJsonArray("organizations").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("name"))
        .containsExactly("Sales");
    assertThat(strings(me.getJsonArray("accessibleOrganizationIds")))
        .containsExactlyInAnyOrder(sales.getString("id"), north.getString("id"));

    // Moving North away from Sales takes it out of the member's reach at once.
    api.json(
        "PATCH",
        "/api/organizations/" + north.getString("id"),
        WORLD.acmeAdminToken,
        "{\"parentId\":\"" + other.getString("id") + "\"}");
    assertThat(strings(me(WORLD.acmeMemberToken).getJsonArray("accessibleOrganizationIds")))
        .containsExactly(sales.getString("id"));

    assertThat(api.delete(path, WORLD.acmeAdminToken).status()).isEqualTo(204);
    JsonObject after = me(WORLD.acmeMemberToken);
    assertThat(after.getJsonArray("organizations")).isEmpty();
    assertThat(after.getJsonArray("accessibleOrganizationIds")).isEmpty();
    assertThat(me(WORLD.globexAdminToken).getJsonArray("organizations")).isEmpty();
  }

  @Test
  void the_depth_limit_is_a_clear_400() {
    String parent = null;
    for (int level = 1; level <= 10; level++) {
      parent = create("level " + level, parent).getString("id");
    }
    Reply tooDeep =
        api.json(
            "POST",
            "/api/organizations",
            WORLD.acmeAdminToken,
            "{\"name\":\"eleven\",\"parentId\":\"" + parent + "\"}");
    assertProblem(tooDeep, 400);
    assertThat(tooDeep.object().getString("detail")).contains("deeper than 10");
    assertThat(List.of(tooDeep.object().getJsonArray("errors").getJsonObject(0).getString("field")))
        .containsExactly("parentId");
  }
}
