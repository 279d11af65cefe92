package io.warden.domain.model.audit;

import io.warden.domain.model.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audited state change: when, by whom (empty for an anonymous attempt such as a failed login,
 * or for start-up provisioning), what ({@code action}, e.g. {@code role.create}), in which tenant
 * (empty for system-level events), on what ({@code target}), with which particulars ({@code
 * details}) and under which request ({@code X-Request-Id}).
 *
 * <p>Target and detail values are strings, booleans, longs or lists of strings, so that every store
 * keeps them as they were given. Secrets never go in: the services that write events put in ids,
 * names and flags only. The instant is kept to the microsecond, as precise as PostgreSQL stores it,
 * so that an event reads back equal and pages by it exactly.
 */
public record AuditEvent(
    UUID id,
    Instant at,
    Optional<AuditActor> actor,
    String action,
    Optional<TenantId> tenantId,
    Map<String, Object> target,
    Map<String, Object> details,
    Optional<String> requestId) {
  /**
   * Lower-case words (letters, digits, underscores) separated by dots: {@code auth.login_failed}.
   */
  public static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

  public static final int MAX_ACTION_LENGTH = 64;

  public AuditEvent {
    at = at.truncatedTo(ChronoUnit.MICROS);
    if (action.length() > MAX_ACTION_LENGTH || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("not an audit action: " + action);
    }
    target = values(target, "target");
    details = values(details, "details");
  }

  private static Map<String, Object> values(Map<String, Object> values, String name) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(name + " keys must not be blank");
          }
          copy.put(key, value(value, name + "." + key));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object value(Object value, String name) {
    return switch (value) {
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> i.longValue();
      case List<?> list -> list.stream().map(item -> (Object) requireString(item, name)).toList();
      case null -> throw new IllegalArgumentException(name + " must not be null");
      default ->
          throw new IllegalArgumentException(
              name + " must be a string, boolean, number or list of strings");
    };
  }

  private static String requireString(Object item, String name) {
    if (item instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(name + " lists must hold strings only");
  }
}
