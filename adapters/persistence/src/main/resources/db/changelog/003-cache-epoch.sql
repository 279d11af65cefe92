--liquibase formatted sql

--changeset warden:003-cache-epoch
-- The shared-cache (L2) namespace: advanced when an eviction could not reach Redis, so entries
-- written before it can never be read again. Kept beside the data version it is announced with.
ALTER TABLE rbac_clock ADD COLUMN cache_epoch bigint NOT NULL DEFAULT 0;
