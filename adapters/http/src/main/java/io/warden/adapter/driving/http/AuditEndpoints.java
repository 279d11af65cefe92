package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.AuditUseCase;
import io.warden.application.port.driving.AuditUseCase.AuditFilter;
import io.warden.application.port.driving.Caller;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** The audit trail: a filtered page of events, newest first. */
final class AuditEndpoints implements WardenService {
  private final AuditUseCase audit;
  private final BearerAuthentication bearer;

  AuditEndpoints(AuditUseCase audit, BearerAuthentication bearer) {
    this.audit = audit;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/audit", this::list);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Optional<String> cursor = PageParams.cursor(req);
    AuditFilter filter =
        new AuditFilter(
            RequestParams.query(req, "tenantId").map(t -> TenantId.parse(t, "tenantId")),
            RequestParams.query(req, "action"),
            RequestParams.query(req, "actorId").map(a -> UserId.parse(a, "actorId")),
            instant(req, "since"),
            instant(req, "until"),
            RequestParams.intQuery(
                req, "limit", 1, AuditUseCase.MAX_PAGE_SIZE, AuditUseCase.DEFAULT_PAGE_SIZE),
            cursor);
    Responses.ok(res, JsonViews.auditPage(audit.list(caller, filter)));
  }

  private static Optional<Instant> instant(ServerRequest req, String name) {
    return RequestParams.query(req, name).map(text -> JsonBody.instant(text, name));
  }
}
