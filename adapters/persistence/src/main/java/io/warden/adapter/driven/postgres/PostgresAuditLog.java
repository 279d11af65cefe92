package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.AuditLog;
import io.warden.domain.model.audit.AuditActor;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit_events}, written in the caller's transaction (the change it records) and read under
 * its row-level security: a tenant's transaction sees and writes that tenant's events only.
 */
final class PostgresAuditLog extends MapperBacked<AuditMapper> implements AuditLog {
  PostgresAuditLog(PostgresTransactions transactions) {
    super(transactions, AuditMapper.class);
  }

  @Override
  public void append(AuditEvent event) {
    sql()
        .insert(
            new AuditRow(
                event.id(),
                event.at(),
                event.actor().map(a -> a.userId().value()).orElse(null),
                null,
                event.action(),
                event.tenantId().map(TenantId::value).orElse(null),
                AuditJson.write(event.target()),
                AuditJson.write(event.details()),
                event.requestId().orElse(null)));
  }

  @Override
  public List<AuditEvent> page(Query query) {
    return sql()
        .page(
            query.tenant().map(TenantId::value).orElse(null),
            query.action().orElse(null),
            query.actor().map(UserId::value).orElse(null),
            query.since().orElse(null),
            query.until().orElse(null),
            query.after().map(After::at).orElse(null),
            query.after().map(After::id).orElse(null),
            query.limit())
        .stream()
        .map(PostgresAuditLog::toEvent)
        .toList();
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    transactions.requireAcrossTenants();
    return sql().purgeBefore(cutoff);
  }

  private static AuditEvent toEvent(AuditRow row) {
    Optional<AuditActor> actor =
        Optional.ofNullable(row.actorId())
            .map(id -> new AuditActor(new UserId(id), Optional.ofNullable(row.actorEmail())));
    return new AuditEvent(
        row.id(),
        row.at(),
        actor,
        row.action(),
        Optional.ofNullable(row.tenantId()).map(TenantId::new),
        AuditJson.read(row.target()),
        AuditJson.read(row.details()),
        Optional.ofNullable(row.requestId()));
  }
}
