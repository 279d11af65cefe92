package io.warden.adapter.driven.infinispan;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides, in O(1) and without touching the cache, whether anything loaded since a given moment may
 * have been made stale by an invalidation.
 *
 * <p>Every invalidation draws the next number of one process-wide {@code sequence}, then raises to
 * it the stripe of its scope: the global slot ({@code Everything}), a tenant stripe ({@code
 * WholeTenant}), a user stripe ({@code WholeUser}) or a (tenant, user) stripe ({@code
 * UserInTenant}). A load reads {@link #sequence()} before it asks the next tier; its result is
 * current for a key while {@link #lastInvalidated} of that key is not greater than that number.
 *
 * <p>Why this is safe: an invalidation is called after its change has committed. If it had finished
 * raising its stripe before a reader looks, either the load read the sequence after the
 * invalidation drew its number (so the load asked the next tier after the commit and is fresh), or
 * the load's number is smaller than the stripe and the entry reads as a miss. Values only grow, so
 * there is no ABA. Stripes keep memory bounded whatever the number of tenants and users: two
 * tenants sharing a stripe only means invalidating one also makes the other miss once — a spurious
 * miss, never a stale hit.
 */
final class InvalidationGenerations {
  static final int DEFAULT_TENANT_STRIPES = 1 << 10;
  static final int DEFAULT_USER_STRIPES = 1 << 12;
  static final int DEFAULT_PAIR_STRIPES = 1 << 14;

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong everything = new AtomicLong();
  private final AtomicLongArray tenants;
  private final AtomicLongArray users;
  private final AtomicLongArray pairs;
  private final AtomicLongArray trees;

  InvalidationGenerations() {
    this(DEFAULT_TENANT_STRIPES, DEFAULT_USER_STRIPES, DEFAULT_PAIR_STRIPES);
  }

  /** Each stripe count must be a power of two; 1 makes every key share the stripe (for tests). */
  InvalidationGenerations(int tenantStripes, int userStripes, int pairStripes) {
    this.tenants = new AtomicLongArray(requirePowerOfTwo(tenantStripes, "tenantStripes"));
    this.users = new AtomicLongArray(requirePowerOfTwo(userStripes, "userStripes"));
    this.pairs = new AtomicLongArray(requirePowerOfTwo(pairStripes, "pairStripes"));
    this.trees = new AtomicLongArray(tenants.length());
  }

  /** The number a load must read before it asks the next tier. */
  long sequence() {
    return sequence.get();
  }

  /** The number of the latest finished invalidation covering the key (0 if none). */
  long lastInvalidated(TenantId tenant, UserId user) {
    long last = lastInvalidated(user);
    last = Math.max(last, tenants.get(tenantStripe(tenant)));
    return Math.max(last, pairs.get(pairStripe(tenant, user)));
  }

  /**
   * The number of the latest finished invalidation covering an answer about {@code user} that
   * belongs to no tenant: {@code Everything} or {@code WholeUser} (0 if none).
   */
  long lastInvalidated(UserId user) {
    return Math.max(everything.get(), users.get(userStripe(user)));
  }

  /**
   * The number of the latest finished invalidation covering the tenant's organization tree: {@code
   * Everything}, {@code WholeTenant} (a tenant flush takes the tree along) or {@code TenantTree}. A
   * {@code TenantTree} raises only its own stripe, so no user's entry misses because of it.
   */
  long lastTreeInvalidated(TenantId tenant) {
    int stripe = tenantStripe(tenant);
    return Math.max(everything.get(), Math.max(tenants.get(stripe), trees.get(stripe)));
  }

  /** Whether a value loaded from {@code loadSequence} on may still be served for the key. */
  boolean isCurrent(long loadSequence, TenantId tenant, UserId user) {
    return lastInvalidated(tenant, user) <= loadSequence;
  }

  /** Makes every load that started before this call read as stale for the scope's keys. */
  void invalidate(InvalidationScope scope) {
    long number = sequence.incrementAndGet();
    switch (scope) {
      case InvalidationScope.Everything e -> everything.accumulateAndGet(number, Math::max);
      case InvalidationScope.WholeTenant t ->
          tenants.accumulateAndGet(tenantStripe(t.tenantId()), number, Math::max);
      case InvalidationScope.WholeUser u ->
          users.accumulateAndGet(userStripe(u.userId()), number, Math::max);
      case InvalidationScope.UserInTenant p ->
          pairs.accumulateAndGet(pairStripe(p.tenantId(), p.userId()), number, Math::max);
      case InvalidationScope.TenantTree t ->
          trees.accumulateAndGet(tenantStripe(t.tenantId()), number, Math::max);
    }
  }

  int tenantStripe(TenantId tenant) {
    return index(tenant.hashCode(), tenants.length());
  }

  int userStripe(UserId user) {
    return index(user.hashCode(), users.length());
  }

  int pairStripe(TenantId tenant, UserId user) {
    return index(31 * tenant.hashCode() + user.hashCode(), pairs.length());
  }

  private static int index(int hash, int stripes) {
    // Fibonacci hashing spreads the UUIDs' folded bits over the table.
    return (hash * 0x9E3779B9) >>> 16 & (stripes - 1);
  }

  private static int requirePowerOfTwo(int stripes, String name) {
    if (stripes < 1 || Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException(name + " must be a power of two: " + stripes);
    }
    return stripes;
  }
}
