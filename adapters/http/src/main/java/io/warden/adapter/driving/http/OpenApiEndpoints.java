package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The API description, {@code GET /openapi}: on the main port with the API it describes. */
final class OpenApiEndpoints implements WardenService {
  private final byte[] openApi = OperationsEndpoints.openApiDocument();

  @Override
  public void routes(Routes routes) {
    routes.get("/openapi", this::openApi);
  }

  private void openApi(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
    res.send(openApi);
  }
}
