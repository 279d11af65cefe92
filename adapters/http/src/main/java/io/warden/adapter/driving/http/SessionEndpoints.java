package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.SessionManagementUseCase;

/** The caller's own sessions: the live ones listed, one of them ended. */
final class SessionEndpoints implements WardenService {
  private final SessionManagementUseCase sessions;
  private final BearerAuthentication bearer;

  SessionEndpoints(SessionManagementUseCase sessions, BearerAuthentication bearer) {
    this.sessions = sessions;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/auth/sessions", this::list)
        .delete("/api/auth/sessions/{sessionId}", this::end);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(res, JsonViews.sessions(sessions.sessionsOf(caller)));
  }

  private void end(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    sessions.end(caller, RequestParams.path(req, "sessionId"));
    Responses.noContent(res);
  }
}
