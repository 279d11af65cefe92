package io.warden.application.port.driven.cache;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.UserContexts;

/**
 * The driven ports a cache tier may put itself in front of: what the hot path reads on every
 * request. The innermost value is the source of truth (the database and the token verifier); each
 * {@link CacheTier} hands on its own, decorating some of them and passing the others through.
 */
public record CacheablePorts(
    EffectivePermissions permissions,
    SessionRepository sessions,
    UserContexts userContexts,
    TokenCodec tokens) {

  public CacheablePorts withPermissions(EffectivePermissions decorated) {
    return new CacheablePorts(decorated, sessions, userContexts, tokens);
  }
}
