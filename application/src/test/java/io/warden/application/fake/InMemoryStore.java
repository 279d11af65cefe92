package io.warden.application.fake;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The data behind every in-memory fake, standing in for the database: transactions are serialised
 * by one lock, and a transaction that throws is rolled back to a copy taken when it began. The
 * built-in permissions are present from the start, as they are after the first start of Warden.
 *
 * <p>Repositories refuse to run outside a transaction, and tenant-scoped ones outside {@code
 * inTenant}, so a service that forgets its transaction fails its tests instead of passing them.
 */
public final class InMemoryStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<Context> context = new ThreadLocal<>();

  /** Like a database sequence: never rolled back. */
  private final AtomicLong versions = new AtomicLong();

  private Data data = new Data();

  /** Pushes announcements one commit at a time, so every subscriber sees commit order. */
  private final ReentrantLock delivery = new ReentrantLock();

  private final List<Consumer<Announcement>> subscribers = new CopyOnWriteArrayList<>();
  private int delivered;

  public InMemoryStore() {
    for (Permission permission : BuiltInPermissions.ALL) {
      data.permissions.put(permission.name(), permission);
    }
  }

  /** Changes committed so far, oldest first (a rolled-back change is not here). */
  public List<JournalEntry> journal() {
    return locked(() -> List.copyOf(data.journal));
  }

  /** The latest committed change; fails if there is none. */
  public JournalEntry lastJournalEntry() {
    return locked(() -> data.journal.get(data.journal.size() - 1));
  }

  /** The data version of the latest recorded change. */
  public long version() {
    return versions.get();
  }

  /** Whether the current thread is inside a transaction of this store. */
  public boolean inTransaction() {
    return context.get() != null;
  }

  /** A committed change and its data version. */
  public record JournalEntry(RbacEvent event, long version) {}

  /**
   * What was announced to every instance with a commit: a journaled change, an epoch advance or a
   * retired signing key, each with its data version and the cached answers it made stale.
   */
  public record Announcement(long version, InvalidationScope scope) {}

  /** Everything announced by committed transactions so far, in commit order. */
  public List<Announcement> announcements() {
    return locked(() -> List.copyOf(data.announcements));
  }

  /**
   * Pushes every announcement committed from now on to {@code subscriber}, in commit order, on the
   * committing thread right after its commit: the in-memory store's {@code LISTEN}.
   */
  public void subscribe(Consumer<Announcement> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    delivery.lock();
    lock.lock();
    try {
      if (subscribers.isEmpty()) {
        delivered = data.announcements.size();
      }
      subscribers.add(subscriber);
    } finally {
      lock.unlock();
      delivery.unlock();
    }
  }

  public void unsubscribe(Consumer<Announcement> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Hands what was committed and not yet pushed to the subscribers, outside the store's lock. */
  private void deliverCommitted() {
    if (subscribers.isEmpty() || lock.isHeldByCurrentThread()) {
      return;
    }
    delivery.lock();
    try {
      List<Announcement> pending;
      lock.lock();
      try {
        pending = List.copyOf(data.announcements.subList(delivered, data.announcements.size()));
        delivered = data.announcements.size();
      } finally {
        lock.unlock();
      }
      for (Announcement announcement : pending) {
        for (Consumer<Announcement> subscriber : subscribers) {
          subscriber.accept(announcement);
        }
      }
    } finally {
      delivery.unlock();
    }
  }

  // ---- used by the fakes of this package ----

  <T> T transaction(Context mode, Supplier<T> work, Runnable beforeCommit) {
    if (context.get() != null) {
      throw new IllegalStateException("transactions do not nest");
    }
    lock.lock();
    try {
      Data snapshot = data.copy();
      context.set(mode);
      try {
        T result = work.get();
        beforeCommit.run();
        return result;
      } catch (RuntimeException | Error e) {
        data = snapshot;
        throw e;
      } finally {
        context.remove();
      }
    } finally {
      lock.unlock();
      deliverCommitted();
    }
  }

  /** Reads the committed data outside any transaction, as a cache loader would. */
  <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
      deliverCommitted();
    }
  }

  /** The data, for a read inside any transaction. */
  Data read() {
    requireContext();
    return data;
  }

  /** The data, for a write inside a transaction that may write. */
  Data write() {
    if (requireContext().readOnly()) {
      throw new IllegalStateException("write inside a read-only transaction");
    }
    return data;
  }

  /** The current transaction's tenant; tenant-owned rows are reachable only through it. */
  TenantId tenant() {
    return requireContext()
        .tenant()
        .orElseThrow(
            () -> new IllegalStateException("tenant-scoped repository used outside inTenant"));
  }

  Context requireContext() {
    Context current = context.get();
    if (current == null) {
      throw new IllegalStateException("repository used outside a transaction");
    }
    return current;
  }

  long nextVersion() {
    return versions.incrementAndGet();
  }

  /**
   * Announces {@code scope} under a new data version with the running transaction's commit (or at
   * once, outside one); returns the version.
   */
  long announce(Data data, InvalidationScope scope) {
    long version = nextVersion();
    data.announcements.add(new Announcement(version, scope));
    return version;
  }

  Data committed() {
    return data;
  }

  /** The mode of the running transaction: one tenant (row-level security) or across tenants. */
  record Context(Optional<TenantId> tenant, boolean readOnly) {}

  record MemberKey(TenantId tenantId, UserId userId) {}

  record OrganizationMemberKey(
      TenantId tenantId,
      io.warden.domain.model.organization.OrganizationId organizationId,
      UserId userId) {}

  record AssignmentKey(TenantId tenantId, UserId userId, RoleId roleId) {}

  record ScopedAssignmentKey(
      TenantId tenantId,
      UserId userId,
      RoleId roleId,
      io.warden.domain.model.organization.OrganizationId organizationId) {}

  record SessionRow(
      String sessionId,
      UserId userId,
      Instant createdAt,
      Instant expiresAt,
      Optional<Instant> lastRefreshedAt,
      Optional<Instant> revokedAt) {
    boolean revoked() {
      return revokedAt.isPresent();
    }

    SessionRow revokedAt(Instant at) {
      return revoked()
          ? this
          : new SessionRow(
              sessionId, userId, createdAt, expiresAt, lastRefreshedAt, Optional.of(at));
    }

    SessionRow refreshedAt(Instant at) {
      return new SessionRow(sessionId, userId, createdAt, expiresAt, Optional.of(at), revokedAt);
    }
  }

  record RefreshRow(
      String hash,
      String sessionId,
      Optional<TenantId> tenantId,
      Instant expiresAt,
      boolean spent) {}

  /**
   * Applies {@code change} to the row {@code id} of {@code table}, as one targeted statement would;
   * whether it changed anything (false too when there is no such row).
   */
  static <K, V> boolean changeRow(Map<K, V> table, K id, UnaryOperator<V> change) {
    V current = table.get(id);
    if (current == null) {
      return false;
    }
    V changed = change.apply(current);
    table.put(id, changed);
    return !changed.equals(current);
  }

  /** Every table; copied whole when a transaction begins (records are immutable values). */
  static final class Data {
    final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();
    final Map<UserId, User> users = new HashMap<>();
    final Map<Email, UserId> usersByEmail = new HashMap<>();
    final Map<MemberKey, Membership> memberships = new HashMap<>();
    final Map<InvitationId, Invitation> invitations = new LinkedHashMap<>();
    final Map<RoleId, Role> roles = new LinkedHashMap<>();
    final Map<AssignmentKey, RoleAssignment> assignments = new HashMap<>();
    final Map<ScopedAssignmentKey, RoleAssignment> scopedAssignments = new HashMap<>();
    final Map<PermissionName, Permission> permissions = new TreeMap<>();
    final Map<String, SessionRow> sessions = new HashMap<>();
    final Map<String, RefreshRow> refreshTokens = new HashMap<>();
    final Map<String, Instant> revokedTokens = new HashMap<>();
    final List<StoredSigningKey> signingKeys = new ArrayList<>();
    final List<JournalEntry> journal = new ArrayList<>();
    final List<Announcement> announcements = new ArrayList<>();
    final Map<
            io.warden.domain.model.organization.OrganizationId,
            io.warden.domain.model.organization.Organization>
        organizations = new LinkedHashMap<>();
    final java.util.Set<OrganizationMemberKey> organizationMembers = new java.util.HashSet<>();
    final List<AuditEvent> audit = new ArrayList<>();
    long cacheEpoch;

    Data copy() {
      Data copy = new Data();
      copy.tenants.putAll(tenants);
      copy.users.putAll(users);
      copy.usersByEmail.putAll(usersByEmail);
      copy.memberships.putAll(memberships);
      copy.invitations.putAll(invitations);
      copy.roles.putAll(roles);
      copy.assignments.putAll(assignments);
      copy.scopedAssignments.putAll(scopedAssignments);
      copy.permissions.putAll(permissions);
      copy.sessions.putAll(sessions);
      copy.refreshTokens.putAll(refreshTokens);
      copy.revokedTokens.putAll(revokedTokens);
      copy.signingKeys.addAll(signingKeys);
      copy.journal.addAll(journal);
      copy.announcements.addAll(announcements);
      copy.organizations.putAll(organizations);
      copy.organizationMembers.addAll(organizationMembers);
      copy.audit.addAll(audit);
      copy.cacheEpoch = cacheEpoch;
      return copy;
    }
  }
}
