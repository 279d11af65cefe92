package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.KeySetUseCase;
import io.warden.application.port.driving.LoginUseCase;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.LogoutUseCase;
import io.warden.application.port.driving.TenantSelectionUseCase;
import io.warden.application.port.driving.TokenRefreshUseCase;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.domain.model.tenant.TenantId;
import java.nio.charset.StandardCharsets;

/** Logging in, choosing a tenant, refreshing and ending sessions, and the public signing keys. */
final class AuthEndpoints implements WardenService {
  private final LoginUseCase login;
  private final TenantSelectionUseCase tenantSelection;
  private final TokenRefreshUseCase tokenRefresh;
  private final LogoutUseCase logout;
  private final KeySetUseCase keySet;
  private final BearerAuthentication bearer;
  private final RateLimits rateLimits;

  AuthEndpoints(DrivingPorts useCases, BearerAuthentication bearer, RateLimits rateLimits) {
    this.login = useCases.login();
    this.tenantSelection = useCases.tenantSelection();
    this.tokenRefresh = useCases.tokenRefresh();
    this.logout = useCases.logout();
    this.keySet = useCases.keySet();
    this.bearer = bearer;
    this.rateLimits = rateLimits;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .post("/api/auth/login", this::login)
        .get("/api/auth/tenants", this::tenants)
        .post("/api/auth/select-tenant", this::selectTenant)
        .post("/api/auth/refresh", this::refresh)
        .post("/api/auth/logout", this::logout)
        .post("/api/auth/logout-all", this::logoutAll)
        .get("/.well-known/jwks.json", this::jwks);
  }

  private void login(ServerRequest req, ServerResponse res) {
    JsonBody body = JsonBody.required(req);
    String email = body.requiredString("email");
    String password = body.requiredString("password");
    // Before anything is looked up or hashed: a refused login costs no Argon2 work.
    if (!rateLimits.login(req, res, email)) {
      return;
    }
    LoginCommand command =
        new LoginCommand(email, password, rateLimits.clientAddress(req), RequestIds.of(req));
    switch (login.login(command)) {
      case LoginResult.Success success -> Responses.tokens(res, JsonViews.login(success));
      case LoginResult.Refused refused -> ProblemResponses.refuse(req, res, refused.failure());
    }
  }

  private void tenants(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(res, JsonViews.tenants(tenantSelection.tenantsOf(caller)));
  }

  private void selectTenant(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    TenantId tenantId = JsonBody.required(req).requiredId("tenantId", TenantId::parse);
    Responses.tokens(res, JsonViews.tokens(tenantSelection.selectTenant(caller, tenantId)));
  }

  private void refresh(ServerRequest req, ServerResponse res) {
    String refreshToken = JsonBody.required(req).requiredString("refreshToken");
    switch (tokenRefresh.refresh(refreshToken, RequestIds.of(req))) {
      case RefreshResult.Refreshed refreshed ->
          Responses.tokens(res, JsonViews.tokens(refreshed.tokens()));
      case RefreshResult.Refused refused -> ProblemResponses.refuse(req, res, refused.failure());
    }
  }

  private void logout(ServerRequest req, ServerResponse res) {
    logout.logout(bearer.caller(req));
    Responses.noContent(res);
  }

  private void logoutAll(ServerRequest req, ServerResponse res) {
    logout.logoutAll(bearer.caller(req));
    Responses.noContent(res);
  }

  private void jwks(ServerRequest req, ServerResponse res) {
    res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, Responses.JSON);
    res.send(keySet.jwkSetJson().getBytes(StandardCharsets.UTF_8));
  }
}
