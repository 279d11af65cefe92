package io.warden.bootstrap.cache;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The three ways a client learns whether it holds a permission: a single check, a batch check and
 * {@code GET /api/me}. Each reduces the answer to an {@link Outcome}; anything the API does not
 * promise (a 5xx, a malformed body) fails the test at once.
 */
enum CheckPath {
  SINGLE {
    @Override
    Outcome ask(WardenClient client, String token, String permission) {
      Response response =
          client.post(
              "/api/authz/check",
              token,
              Json.createObjectBuilder().add("permission", permission).build().toString());
      if (response.status() != 200) {
        return rejected(response);
      }
      JsonObject body = response.json();
      require(body.getString("permission").equals(permission), response);
      return Outcome.of(body.getBoolean("allowed"));
    }
  },
  BATCH {
    @Override
    Outcome ask(WardenClient client, String token, String permission) {
      Response response =
          client.post("/api/authz/check-batch", token, batchBody("users.view", permission));
      if (response.status() != 200) {
        return rejected(response);
      }
      var results = response.json().getJsonArray("results");
      require(results.size() == 2, response);
      JsonObject item = results.getJsonObject(1);
      require(
          item.getString("permission").equals(permission) && !item.containsKey("error"), response);
      return Outcome.of(item.getBoolean("allowed"));
    }
  },
  ME {
    @Override
    Outcome ask(WardenClient client, String token, String permission) {
      Response response = client.get("/api/me", token);
      if (response.status() != 200) {
        return rejected(response);
      }
      return Outcome.of(
          response.json().getJsonArray("permissions").getValuesAs(JsonString.class).stream()
              .anyMatch(name -> name.getString().equals(permission)));
    }
  };

  /** What the caller learned. */
  enum Outcome {
    /** 200, and the permission is held. */
    ALLOWED,
    /** 200, and the permission is not held. */
    NOT_ALLOWED,
    /** 401 or 403: the token no longer stands (logout, deactivation, membership gone). */
    REJECTED;

    static Outcome of(boolean allowed) {
      return allowed ? ALLOWED : NOT_ALLOWED;
    }
  }

  /** The body of {@code POST /api/authz/check-batch} asking about each of {@code permissions}. */
  static String batchBody(String... permissions) {
    JsonArrayBuilder checks = Json.createArrayBuilder();
    for (String permission : permissions) {
      checks.add(Json.createObjectBuilder().add("permission", permission));
    }
    return Json.createObjectBuilder().add("checks", checks).build().toString();
  }

  /** Asks {@code client}'s instance, with {@code token}, whether {@code permission} is held. */
  abstract Outcome ask(WardenClient client, String token, String permission);

  private static Outcome rejected(Response response) {
    if (response.status() == 401 || response.status() == 403) {
      require(response.contentType().startsWith("application/problem+json"), response);
      return Outcome.REJECTED;
    }
    throw new AssertionError("unexpected answer: " + response);
  }

  private static void require(boolean condition, Response response) {
    if (!condition) {
      throw new AssertionError("unexpected answer: " + response);
    }
  }
}
