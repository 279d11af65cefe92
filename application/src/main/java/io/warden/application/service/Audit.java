package io.warden.application.service;

import io.warden.application.port.driving.Caller;
import io.warden.domain.model.audit.AuditActor;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a change writes into the audit trail, described by the service that makes it: the action,
 * who acts under which request, and the target and details. {@link ChangeTransactions} turns it
 * into an {@link AuditEvent} inside the change's transaction, stamping id, time and tenant.
 *
 * <p>Only ids, names, flags and times go in, never a password, token or hash: values are turned
 * into text by {@code toString()} (ids) unless they are text, booleans or numbers already.
 */
final class Audit {
  private final Optional<UserId> actor;
  private final Optional<String> requestId;
  private final String action;
  private Optional<TenantId> tenant = Optional.empty();
  private final Map<String, Object> target = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();

  private Audit(Optional<UserId> actor, Optional<String> requestId, String action) {
    this.actor = actor;
    this.requestId = requestId;
    this.action = action;
  }

  /** {@code caller} does {@code action} in the request the caller carries. */
  static Audit by(Caller caller, String action) {
    return new Audit(Optional.of(caller.userId()), caller.requestId(), action);
  }

  /** {@code actor} (empty: nobody authenticated) does {@code action} in {@code requestId}. */
  static Audit by(Optional<UserId> actor, Optional<String> requestId, String action) {
    return new Audit(actor, requestId, action);
  }

  /** Warden itself does {@code action}, outside any request (start-up provisioning). */
  static Audit bySystem(String action) {
    return new Audit(Optional.empty(), Optional.empty(), action);
  }

  /** The tenant of an event written across tenants; inside a tenant's change it is that one. */
  Audit tenant(TenantId tenantId) {
    return tenant(Optional.of(tenantId));
  }

  /** The same, when there may be no tenant (a system-level event). */
  Audit tenant(Optional<TenantId> tenantId) {
    this.tenant = tenantId;
    return this;
  }

  Audit target(String key, Object value) {
    target.put(key, plain(value));
    return this;
  }

  Audit detail(String key, Object value) {
    details.put(key, plain(value));
    return this;
  }

  /** Puts the detail only when {@code value} is present. */
  Audit detail(String key, Optional<?> value) {
    value.ifPresent(v -> detail(key, v));
    return this;
  }

  String action() {
    return action;
  }

  /** The event, in a transaction of {@code scope} (empty: across tenants). */
  AuditEvent toEvent(UUID id, Instant at, Optional<TenantId> scope) {
    if (scope.isPresent() && tenant.isPresent() && !scope.equals(tenant)) {
      throw new IllegalStateException(
          "an audit event of tenant " + tenant.get() + " inside a change of " + scope.get());
    }
    return new AuditEvent(
        id,
        at,
        actor.map(AuditActor::of),
        action,
        scope.or(() -> tenant),
        target,
        details,
        requestId);
  }

  private static Object plain(Object value) {
    return switch (value) {
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Collection<?> items -> items.stream().map(String::valueOf).sorted().toList();
      default -> String.valueOf(value); // a switch on null throws before any case
    };
  }
}
