package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests no well-behaved client sends, written byte by byte: Helidon rejects them before routing,
 * and the direct handlers {@link WardenHttp#configure} installs still answer problem+json.
 */
@ServerTest
class RawHttpTest extends ProductionServerTest {
  private static final TestWorld WORLD = new TestWorld();

  private final URI uri;

  RawHttpTest(URI uri) {
    this.uri = uri;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void a_declared_body_over_1_mib_is_refused_before_it_is_read() throws IOException {
    String response =
        exchange(
            "POST /api/roles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer "
                + WORLD.acmeAdminToken
                + "\r\nContent-Length: "
                + (WardenHttp.MAX_PAYLOAD_BYTES + 1)
                + "\r\n\r\n{");

    assertProblem(response, 413);
  }

  @Test
  void a_declared_body_over_the_discard_limit_is_refused_and_the_connection_closed()
      throws IOException {
    String response =
        exchange(
            "POST /api/roles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (WardenHttp.DISCARD_LIMIT_BYTES + 1)
                + "\r\n\r\n{");

    assertProblem(response, 413);
    assertThat(response.toLowerCase()).contains("connection: close");
  }

  @Test
  void a_malformed_header_is_a_problem_not_an_html_page() throws IOException {
    String response = exchange("GET /ping HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n");

    assertProblem(response, 400);
  }

  @Test
  void a_malformed_query_escape_is_a_problem() throws IOException {
    String response = exchange("GET /ping?a=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertProblem(response, 400);
  }

  // The request header checks (RequestHeaderChecks, in place of Helidon's): the same 400s.

  @Test
  void a_control_character_in_a_header_value_is_a_problem() throws IOException {
    assertProblem(
        exchange("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0001b\r\n\r\n"), 400);
    assertProblem(
        exchange("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u007fb\r\n\r\n"), 400);
  }

  @Test
  void a_header_name_that_is_not_a_token_is_a_problem() throws IOException {
    assertProblem(exchange("GET /ping HTTP/1.1\r\nHost: localhost\r\nX(Note): a\r\n\r\n"), 400);
  }

  @Test
  void a_missing_repeated_or_malformed_host_is_a_problem() throws IOException {
    assertProblem(exchange("GET /ping HTTP/1.1\r\nAccept: */*\r\n\r\n"), 400);
    assertProblem(exchange("GET /ping HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
    assertProblem(exchange("GET /ping HTTP/1.1\r\nHost: local host\r\n\r\n"), 400);
    assertProblem(exchange("GET /ping HTTP/1.1\r\nHost: localhost:8x\r\n\r\n"), 400);
    assertProblem(exchange("GET /ping HTTP/1.1\r\nHost: [::1\r\n\r\n"), 400);
  }

  @Test
  void well_formed_headers_pass_the_checks() throws IOException {
    for (String host : new String[] {"localhost", "localhost:8080", "127.0.0.1:1", "[::1]:80"}) {
      String response =
          exchange(
              "GET /ping HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nUser-Agent: a\tb c\r\nX-Empty:\r\nAccept: */*\r\nAccept: x/y\r\n\r\n");
      assertThat(response).as(host).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void a_body_with_a_content_encoding_the_server_does_not_decode_is_a_problem() throws IOException {
    String response =
        exchange(
            "POST /api/authz/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}");

    assertProblem(response, 400);
    assertThat(response.toLowerCase()).contains("connection: close");
  }

  private static void assertProblem(String response, int status) {
    assertThat(response).startsWith("HTTP/1.1 " + status);
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertThat(head).contains("content-type: application/problem+json");
    assertThat(body)
        .contains("\"status\":" + status)
        .contains("\"type\"", "\"title\"", "\"detail\"")
        .doesNotContain("Exception", "<html");
  }

  /** Writes the request and reads until the server closes or the response is complete. */
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder response = new StringBuilder();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) > 0) {
        response.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
        if (complete(response.toString())) {
          break;
        }
      }
      return response.toString();
    }
  }

  private static boolean complete(String response) {
    int end = response.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = response.substring(0, end).toLowerCase();
    int at = head.indexOf("content-length: ");
    if (at < 0) {
      return false;
    }
    int length = Integer.parseInt(head.substring(at + 16).split("\r\n")[0].trim());
    return response.length() - end - 4 >= length;
  }
}
