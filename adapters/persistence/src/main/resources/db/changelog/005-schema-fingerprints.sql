--liquibase formatted sql

--changeset warden:005-schema-fingerprints
-- The changelogs (SHA-256 of the changelog files) this database has been completely migrated to,
-- recorded after each successful Liquibase run. A start whose changelog is listed here, and whose
-- configured user is already a member of warden_app, skips Liquibase: its lock, its parsing and
-- the always-run grants cost more than a second of every start. Only the migrating user reads or
-- writes it; delete its rows to make the next start run Liquibase in full.
CREATE TABLE schema_fingerprints (
    fingerprint text        PRIMARY KEY,
    migrated_at timestamptz NOT NULL DEFAULT now()
);
