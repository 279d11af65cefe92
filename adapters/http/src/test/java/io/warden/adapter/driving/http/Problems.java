package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What every error response must be: RFC 9457 problem+json, with no trace of the server's insides.
 */
final class Problems {
  private Problems() {}

  static JsonObject assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
    assertThat(reply.contentType())
        .as("content type of %s", reply)
        .startsWith("application/problem+json");
    JsonObject problem = reply.object();
    assertThat(problem.keySet())
        .as("members of %s", reply)
        .contains("type", "title", "status", "detail");
    assertThat(problem.getJsonString("type")).isNotNull();
    assertThat(problem.getJsonString("title")).isNotNull();
    assertThat(problem.getJsonString("detail")).isNotNull();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.keySet()).isSubsetOf("type", "title", "status", "detail", "errors");
    if (problem.containsKey("errors")) {
      assertThat(problem.getJsonArray("errors"))
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
                assertThat(e.asJsonObject().keySet()).containsExactlyInAnyOrder("field", "message");
              });
    }
    assertThat(reply.body())
        .as("no stack trace or class names in %s", reply)
        .doesNotContain("Exception", "\tat ", "java.", "io.warden.", "io.helidon.");
    return problem;
  }
}
