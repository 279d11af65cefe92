--liquibase formatted sql

--changeset warden:instance-heartbeats
-- One row per running instance, refreshed every few seconds: how many instances are alive, which
-- is what each divides the rate limits by while Redis is away. Rows of crashed instances go stale
-- and are ignored (and deleted by the next instance that beats).
CREATE TABLE instance_heartbeats (
    instance_id uuid PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    seen_at timestamptz NOT NULL DEFAULT now()
);
