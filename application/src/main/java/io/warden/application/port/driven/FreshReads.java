package io.warden.application.port.driven;

/**
 * What answers a request that must reflect every change up to a revision ({@code
 * Warden-Min-Revision}): {@code revisions} says whether the caches may be trusted for it, and when
 * they may not, {@code permissions} and {@code userContexts} are read instead — the source behind
 * every cache tier, so never an entry older than the revision.
 */
public record FreshReads(
    Revisions revisions, EffectivePermissions permissions, UserContexts userContexts) {
  /** A world without caches: its ports are the source, every revision counts as applied. */
  public static FreshReads uncached(EffectivePermissions permissions, UserContexts userContexts) {
    return new FreshReads(Revisions.UNCACHED, permissions, userContexts);
  }
}
