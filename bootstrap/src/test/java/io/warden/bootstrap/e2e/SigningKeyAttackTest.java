package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.bootstrap.Warden;
import io.warden.bootstrap.WardenConfig;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The signing keys attacked end to end, over HTTP against real instances sharing PostgreSQL and
 * Redis: the private key is not readable in the database, a token for another audience is refused
 * even though the signature is good, a retired key's tokens are refused at once on every instance
 * (including tokens each had verified and cached), and a start with another key-encryption key, an
 * altered key row or no key-encryption key at all is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyAttackTest {
  private static final String OTHER_KEK = "b3RoZXIga2V5LWVuY3J5cHRpb24ga2V5IDMyIGIuISE=";

  private final List<WardenInstance> started = new ArrayList<>();
  private WardenInstance.Shared shared;
  private WardenInstance first;
  private WardenInstance second;
  private WardenApi api;
  private String tenant;
  private WardenApi.Account member;

  @BeforeAll
  void start() {
    shared = WardenInstance.Shared.fresh();
    first = start(Map.of());
    second = start(Map.of());
    api = new WardenApi(first.client());
    tenant = api.createTenant("keys").getString("id");
    member = api.member(tenant, "keyholder");
  }

  @AfterAll
  void stop() {
    started.forEach(WardenInstance::close);
  }

  private WardenInstance start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.putAll(overrides);
    WardenInstance instance = WardenInstance.start(shared, env);
    started.add(instance);
    return instance;
  }

  @Test
  @Order(1)
  void the_private_key_is_stored_encrypted_and_tokens_carry_the_audience() throws SQLException {
    String token = api.token(member);

    JsonObject header = part(token, 0);
    JsonObject payload = part(token, 1);
    assertThat(audience(payload)).containsExactly("warden");
    List<String> privateKeys = column("SELECT private_key FROM signing_keys WHERE active");
    assertThat(privateKeys).isNotEmpty();
    assertThat(privateKeys).allSatisfy(key -> assertThat(key).startsWith("aes256gcm:v1:"));
    assertThat(column("SELECT kid FROM signing_keys WHERE active"))
        .contains(header.getString("kid"));
    // Both instances verify it.
    expect(first.client().get("/api/me", api.client().select(token, tenant)), 200);
    expect(second.client().get("/api/me", api.client().select(token, tenant)), 200);
  }

  @Test
  @Order(2)
  void a_token_issued_for_another_audience_is_refused_though_its_signature_is_good() {
    // Same database, same keys, same issuer: only the audience differs.
    WardenInstance billing = start(Map.of("WARDEN_JWT_AUDIENCE", "billing"));
    String forBilling = billing.client().token(member.email(), member.password());
    String forWarden = first.client().token(member.email(), member.password());
    assertThat(audience(part(forBilling, 1))).containsExactly("billing");
    assertThat(part(forBilling, 0).getString("kid")).isEqualTo(part(forWarden, 0).getString("kid"));

    assertProblem(first.client().get("/api/auth/tenants", forBilling), 401);
    assertProblem(second.client().get("/api/auth/tenants", forBilling), 401);
    assertProblem(billing.client().get("/api/auth/tenants", forWarden), 401);
    expect(billing.client().get("/api/auth/tenants", forBilling), 200);
    expect(first.client().get("/api/auth/tenants", forWarden), 200);
  }

  @Test
  @Order(3)
  void a_retired_key_is_refused_at_once_on_every_instance_even_from_the_token_cache()
      throws SQLException {
    String token = first.client().select(api.token(member), tenant);
    String kid = part(token, 0).getString("kid");
    String check = json("permission", "users.view");
    // Verified, and cached, on both instances.
    for (int i = 0; i < 3; i++) {
      expect(first.client().post("/api/authz/check", token, check), 200);
      expect(second.client().post("/api/authz/check", token, check), 200);
    }

    // The operator's emergency retirement (what rotation also does once the overlap has ended).
    assertThat(column("SELECT warden_retire_signing_key('" + kid + "')::text"))
        .containsExactly("true");

    awaitStatus(() -> first.client().post("/api/authz/check", token, check), 401);
    awaitStatus(() -> second.client().post("/api/authz/check", token, check), 401);
    assertProblem(first.client().post("/api/authz/check", token, check), 401);
    assertProblem(second.client().post("/api/authz/check", token, check), 401);
    for (WardenInstance instance : List.of(first, second)) {
      assertThat(instance.client().get("/.well-known/jwks.json", null).body()).doesNotContain(kid);
    }
    // Logins go on with a new key, which both instances know.
    String fresh = first.client().select(api.token(member), tenant);
    assertThat(part(fresh, 0).getString("kid")).isNotEqualTo(kid);
    expect(second.client().post("/api/authz/check", fresh, check), 200);
  }

  @Test
  @Order(4)
  void a_start_with_another_key_encryption_key_is_refused() {
    Map<String, String> env = shared.environment(Map.of("WARDEN_KEY_ENCRYPTION_KEY", OTHER_KEK));

    assertThatThrownBy(() -> Warden.start(WardenConfig.load(env)).close())
        .hasMessageContaining("another key-encryption key");
  }

  @Test
  @Order(5)
  void a_start_without_a_key_encryption_key_on_an_external_database_is_refused() {
    Map<String, String> env = new HashMap<>(shared.environment(Map.of()));
    env.remove("WARDEN_KEY_ENCRYPTION_KEY");

    assertThatThrownBy(() -> Warden.start(WardenConfig.load(env)).close())
        .hasMessageContaining("WARDEN_KEY_ENCRYPTION_KEY is not set");
    env.put("WARDEN_KEY_ENCRYPTION_KEY", "c2hvcnQ=");
    assertThatThrownBy(() -> Warden.start(WardenConfig.load(env)).close())
        .hasMessageContaining("WARDEN_KEY_ENCRYPTION_KEY")
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
  }

  @Test
  @Order(6)
  void a_start_that_finds_an_altered_key_row_is_refused() throws SQLException {
    // Flip one character inside the ciphertext of the active key.
    execute(
        "UPDATE signing_keys SET private_key = overlay(private_key placing"
            + " CASE WHEN substr(private_key, length(private_key) - 8, 1) = 'A' THEN 'B' ELSE 'A'"
            + " END from length(private_key) - 8 for 1) WHERE active");

    assertThatThrownBy(() -> Warden.start(WardenConfig.load(shared.environment(Map.of()))).close())
        .hasMessageContaining("altered");
  }

  /** {@code aud}: one string or an array of them (RFC 7519). */
  private static List<String> audience(JsonObject payload) {
    JsonValue aud = payload.get("aud");
    if (aud instanceof JsonString one) {
      return List.of(one.getString());
    }
    return aud.asJsonArray().getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  private static JsonObject part(String token, int index) {
    String encoded = token.split("\\.")[index];
    String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static void awaitStatus(Supplier<Response> request, int status) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (request.get().status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not " + status + " after 20 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection admin = shared.database().connectAsAdmin();
        Statement statement = admin.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private void execute(String sql) {
    shared.database().adminExecute(sql);
  }
}
