package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login, tenant selection, refresh, logout and JWKS through the production routing. */
@ServerTest
class AuthEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  AuthEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  private Reply selectTenant(String token, Tenant tenant) {
    return api.json(
        "POST", "/api/auth/select-tenant", token, "{\"tenantId\":\"" + tenant.id() + "\"}");
  }

  @Test
  void login_with_one_tenant_selects_it() {
    Reply reply =
        api.json(
            "POST",
            "/api/auth/login",
            null,
            "{\"email\":\"ada@acme.test\",\"password\":\"correct horse battery staple\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    JsonObject login = reply.object();
    assertThat(login.keySet())
        .containsExactlyInAnyOrder(
            "accessToken", "tokenType", "expiresIn", "refreshToken", "user", "tenants", "tenant");
    assertThat(login.getString("tokenType")).isEqualTo("Bearer");
    assertThat(login.getJsonNumber("expiresIn").longValue()).isEqualTo(900);
    assertThat(login.getString("accessToken")).isNotBlank();
    assertThat(login.getString("refreshToken")).isNotBlank();
    assertUser(login.getJsonObject("user"), WORLD.acmeAdmin.id().toString(), "ada@acme.test");
    assertThat(login.getJsonArray("tenants")).hasSize(1);
    assertTenant(login.getJsonObject("tenant"), WORLD.acme.id().toString(), "acme");
    // the token works: it is scoped to acme
    assertThat(api.get("/api/me", login.getString("accessToken")).status()).isEqualTo(200);
  }

  @Test
  void login_with_two_tenants_selects_none() {
    Reply reply =
        api.json(
            "POST",
            "/api/auth/login",
            null,
            "{\"email\":\"bo@both.test\",\"password\":\"correct horse battery staple\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object().get("tenant")).isEqualTo(JsonValue.NULL);
    assertThat(reply.object().getJsonArray("tenants")).hasSize(2);
  }

  @Test
  void wrong_password_is_401_with_a_bearer_challenge() {
    Reply reply =
        api.json(
            "POST",
            "/api/auth/login",
            null,
            "{\"email\":\"ada@acme.test\",\"password\":\"wrong password here\"}");

    assertProblem(reply, 401);
    assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void tenants_lists_the_active_memberships() {
    Reply reply = api.get("/api/auth/tenants", WORLD.inBothToken);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.array())
        .extracting(v -> v.asJsonObject().getString("slug"))
        .containsExactlyInAnyOrder("acme", "globex");
    assertThat(reply.array().getJsonObject(0).keySet())
        .containsExactlyInAnyOrder("id", "slug", "name");
  }

  @Test
  void select_tenant_answers_a_scoped_token_pair() {
    Reply reply = selectTenant(WORLD.inBothToken, WORLD.globex);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    assertTokenResponse(reply.object());
    assertTenant(reply.object().getJsonObject("tenant"), WORLD.globex.id().toString(), "globex");
    Reply me = api.get("/api/me", reply.object().getString("accessToken"));
    assertThat(me.object().getJsonObject("tenant").getString("slug")).isEqualTo("globex");
  }

  @Test
  void select_tenant_of_a_foreign_tenant_is_403() {
    Reply reply = selectTenant(WORLD.acmeMemberToken, WORLD.globex);

    assertProblem(reply, 403);
  }

  @Test
  void refresh_rotates_and_a_reused_refresh_token_is_401() {
    TokenPair login = WORLD.tokens("max@acme.test");
    String body = "{\"refreshToken\":\"" + login.refreshToken() + "\"}";

    Reply first = api.json("POST", "/api/auth/refresh", null, body);
    Reply reuse = api.json("POST", "/api/auth/refresh", null, body);

    assertThat(first.status()).isEqualTo(200);
    assertTokenResponse(first.object());
    assertThat(first.object().getString("refreshToken")).isNotEqualTo(login.refreshToken());
    assertThat(first.object().getJsonObject("tenant").getString("slug")).isEqualTo("acme");
    assertProblem(reuse, 401);
  }

  @Test
  void logout_ends_the_token_at_once() {
    String token = WORLD.token(newMemberOfAcme("leaver@acme.test"));

    Reply logout = api.json("POST", "/api/auth/logout", token, null);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(logout.body()).isEmpty();
    assertProblem(api.get("/api/me", token), 401);
  }

  @Test
  void a_revoked_token_gets_exactly_the_answer_of_an_invalid_one() {
    String revoked = WORLD.token(newMemberOfAcme("revoked@acme.test"));
    assertThat(api.json("POST", "/api/auth/logout", revoked, null).status()).isEqualTo(204);
    User deactivated = WORLD.warden.createUser("deactivated@acme.test");
    WORLD.warden.addMember(WORLD.acme, deactivated);
    String ofDeactivated = WORLD.token("deactivated@acme.test");
    WORLD.warden.deactivate(deactivated);

    Reply invalid = api.get("/api/me", "fake-token.made-up");
    for (String token : List.of(revoked, ofDeactivated, WORLD.expiredToken)) {
      Reply reply = api.get("/api/me", token);
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.body()).isEqualTo(invalid.body());
      assertThat(reply.header("WWW-Authenticate")).isEqualTo(invalid.header("WWW-Authenticate"));
    }
  }

  private static String newMemberOfAcme(String email) {
    WORLD.warden.addMember(WORLD.acme, WORLD.warden.createUser(email));
    return email;
  }

  @Test
  void logout_all_ends_every_token_of_the_user() {
    String email = newMemberOfAcme("quitter@acme.test");
    String first = WORLD.token(email);
    String second = WORLD.token(email);
    String bystander = WORLD.token("max@acme.test");

    Reply logout = api.json("POST", "/api/auth/logout-all", first, null);

    assertThat(logout.status()).isEqualTo(204);
    assertProblem(api.get("/api/me", first), 401);
    assertProblem(api.get("/api/me", second), 401);
    assertThat(api.get("/api/me", bystander).status()).isEqualTo(200);
  }

  @Test
  void jwks_is_public_json() {
    Reply reply = api.get("/.well-known/jwks.json", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.object().getJsonArray("keys")).isNotNull();
  }
}
