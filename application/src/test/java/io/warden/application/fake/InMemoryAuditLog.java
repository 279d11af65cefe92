package io.warden.application.fake;

import io.warden.application.port.driven.AuditLog;
import io.warden.domain.model.audit.AuditActor;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The audit trail in an {@link InMemoryStore}: events are kept only if their transaction commits,
 * and a tenant's transaction sees and writes that tenant's events only, as row-level security makes
 * the database do.
 */
public final class InMemoryAuditLog implements AuditLog {
  /** Newest first: time, then id, both descending. */
  static final Comparator<AuditEvent> NEWEST_FIRST =
      Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

  private final InMemoryStore store;

  public InMemoryAuditLog(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    InMemoryStore.Data data = store.write();
    Optional<TenantId> scope = store.requireContext().tenant();
    if (scope.isPresent() && !scope.equals(event.tenantId())) {
      throw new IllegalStateException("row-level security: an event of another tenant");
    }
    Optional<AuditActor> actor =
        event
            .actor()
            .map(
                a ->
                    new AuditActor(
                        a.userId(),
                        Optional.ofNullable(data.users.get(a.userId()))
                            .map(User::email)
                            .map(e -> e.value())));
    data.audit.add(
        new AuditEvent(
            event.id(),
            event.at(),
            actor,
            event.action(),
            event.tenantId(),
            event.target(),
            event.details(),
            event.requestId()));
  }

  @Override
  public List<AuditEvent> page(Query query) {
    Objects.requireNonNull(query, "query");
    InMemoryStore.Data data = store.read();
    Optional<TenantId> scope = store.requireContext().tenant();
    Predicate<AuditEvent> visible = e -> scope.isEmpty() || scope.equals(e.tenantId());
    return data.audit.stream()
        .filter(visible)
        .filter(e -> query.tenant().isEmpty() || query.tenant().equals(e.tenantId()))
        .filter(e -> query.action().map(e.action()::equals).orElse(true))
        .filter(
            e ->
                query
                    .actor()
                    .map(id -> e.actor().map(a -> a.userId().equals(id)).orElse(false))
                    .orElse(true))
        .filter(e -> query.since().map(s -> !e.at().isBefore(s)).orElse(true))
        .filter(e -> query.until().map(u -> e.at().isBefore(u)).orElse(true))
        .filter(e -> query.after().map(after -> olderThan(e, after)).orElse(true))
        .sorted(NEWEST_FIRST)
        .limit(query.limit())
        .toList();
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (store.requireContext().tenant().isPresent()) {
      throw new IllegalStateException("the purge runs across tenants");
    }
    InMemoryStore.Data data = store.write();
    int before = data.audit.size();
    data.audit.removeIf(e -> e.at().isBefore(cutoff));
    return before - data.audit.size();
  }

  /** Every committed event, newest first, whatever the tenant: for tests. */
  public List<AuditEvent> all() {
    return store.locked(() -> store.committed().audit.stream().sorted(NEWEST_FIRST).toList());
  }

  private static boolean olderThan(AuditEvent e, After after) {
    int byTime = e.at().compareTo(after.at());
    return byTime < 0 || (byTime == 0 && e.id().compareTo(after.id()) < 0);
  }
}
