package io.warden.adapter.driven.redis;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.regex.Pattern;

/**
 * Builds every L2 key from typed ids only, tenant first, so two different questions can never share
 * a key. The epoch is a Redis Cluster hash tag ({@code w:{7}:...}): all keys of one epoch live in
 * one slot, which is what lets a single script compare an entry with its markers and the epoch's
 * sentinel atomically.
 */
final class L2Keys {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  private final String prefix;

  L2Keys(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("key prefix must match " + PREFIX + ": " + prefix);
    }
    this.prefix = prefix;
  }

  /**
   * The epoch's sentinel: created only by whoever advances to the epoch, before the advance commits
   * and never again; every read and store of the epoch requires it. Its absence means Redis lost
   * what it held of the epoch (restarted empty, failed over to a replica that lacked writes), its
   * markers among it.
   */
  String sentinel(long epoch) {
    return namespace(epoch) + "sentinel";
  }

  String entry(long epoch, TenantId tenant, UserId user) {
    return namespace(epoch) + "p:" + tenant.value() + ':' + user.value();
  }

  /** The min version of every entry (raised by an {@code Everything} invalidation). */
  String globalMin(long epoch) {
    return namespace(epoch) + "min";
  }

  String tenantMin(long epoch, TenantId tenant) {
    return namespace(epoch) + "tmin:" + tenant.value();
  }

  String userMin(long epoch, UserId user) {
    return namespace(epoch) + "umin:" + user.value();
  }

  String pairMin(long epoch, TenantId tenant, UserId user) {
    return namespace(epoch) + "pmin:" + tenant.value() + ':' + user.value();
  }

  private String namespace(long epoch) {
    return prefix + ":{" + epoch + "}:";
  }
}
