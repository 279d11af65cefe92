--liquibase formatted sql

--changeset warden:020-change-log
-- Every committed change's invalidation message, by data version, written in the transaction that
-- makes the change (beside its pg_notify). An instance whose LISTEN connection comes back reads
-- what it missed from here and evicts exactly that, instead of flushing its caches blindly.
-- Versions are gap-free among committed changes (every writer queues on the rbac_clock row), so
-- "every version from W to now is here" is checkable; old rows are pruned by version.
CREATE TABLE change_log (
    version     BIGINT PRIMARY KEY,
    message     TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
