package io.warden.adapter.driven.redis.witness;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invalidation scope as a short text: {@code *}, {@code t:<tenant>}, {@code u:<user>}, {@code
 * tu:<tenant>:<user>} or {@code tt:<tenant>} (a tenant's organization tree). Anything else is
 * refused: an instance that predates a scope cannot read it, and its channel stops vouching rather
 * than misread it.
 */
final class ScopeCodec {
  private ScopeCodec() {}

  static String encode(InvalidationScope scope) {
    return switch (scope) {
      case InvalidationScope.Everything e -> "*";
      case InvalidationScope.WholeTenant t -> "t:" + t.tenantId().value();
      case InvalidationScope.WholeUser u -> "u:" + u.userId().value();
      case InvalidationScope.UserInTenant p ->
          "tu:" + p.tenantId().value() + ":" + p.userId().value();
      case InvalidationScope.TenantTree t -> "tt:" + t.tenantId().value();
    };
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a scope
   */
  static InvalidationScope decode(@Nullable String text) {
    if (text == null) {
      throw new IllegalArgumentException("no scope");
    }
    if (text.equals("*")) {
      return new InvalidationScope.Everything();
    }
    if (text.startsWith("tu:")) {
      String[] ids = text.substring(3).split(":", -1);
      if (ids.length != 2) {
        throw new IllegalArgumentException("not a scope: " + text);
      }
      return new InvalidationScope.UserInTenant(
          new TenantId(UUID.fromString(ids[0])), new UserId(UUID.fromString(ids[1])));
    }
    if (text.startsWith("tt:")) {
      return new InvalidationScope.TenantTree(new TenantId(UUID.fromString(text.substring(3))));
    }
    if (text.startsWith("t:")) {
      return new InvalidationScope.WholeTenant(new TenantId(UUID.fromString(text.substring(2))));
    }
    if (text.startsWith("u:")) {
      return new InvalidationScope.WholeUser(new UserId(UUID.fromString(text.substring(2))));
    }
    throw new IllegalArgumentException("not a scope: " + text);
  }
}
