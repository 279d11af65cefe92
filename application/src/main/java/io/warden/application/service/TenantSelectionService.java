package io.warden.application.service;

import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.TenantSelectionUseCase;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Lists the tenants a caller may enter and scopes the caller's session to one of them. */
public final class TenantSelectionService implements TenantSelectionUseCase {
  private final Transactions transactions;
  private final TenantRepository tenants;
  private final TokenIssuer issuer;
  private final Clock clock;

  TenantSelectionService(
      Transactions transactions, TenantRepository tenants, TokenIssuer issuer, Clock clock) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.issuer = issuer;
    this.clock = clock;
  }

  @Override
  public List<Tenant> tenantsOf(Caller caller) {
    return transactions.acrossTenants(() -> tenants.activeTenantsOf(caller.userId()));
  }

  @Override
  public TokenPair selectTenant(Caller caller, TenantId tenantId) {
    InvalidValueException.requirePresent(tenantId, "tenantId");
    Instant now = clock.instant();
    TokenIssuer.Issued issued =
        transactions.acrossTenants(
            () -> {
              Tenant tenant =
                  issuer
                      .mayEnter(caller.userId(), caller.systemAdmin(), tenantId)
                      .orElseThrow(
                          () ->
                              new Forbidden(
                                  "not an active member of an active tenant with this id"));
              // The new tokens end with the session, as the caller's own token does.
              Instant sessionEnd = issuer.liveSessionEnd(caller.sessionId(), now);
              return issuer.storeRefreshToken(
                  caller.sessionId(), List.of(tenant), Optional.of(tenant), now, sessionEnd);
            });
    return issuer.signAccessToken(caller.userId(), caller.sessionId(), issued, now);
  }
}
