--liquibase formatted sql

--changeset warden:035-event-tickets
-- Single-use tickets of the permission event streams (POST /api/me/events/ticket): EventSource
-- cannot send an Authorization header, so a client trades its access token for a ticket that any
-- instance redeems once, within 30 seconds, with GET /api/me/events?ticket=. Stored as the SHA-256
-- of the ticket, with the claims of the token it was issued to (never the token): redeeming
-- re-checks that token's session, so a ticket dies with its session.
CREATE TABLE event_tickets (
    ticket_hash      text        PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    session_id       text        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_id         text        NOT NULL,
    issued_at        timestamptz NOT NULL,
    token_expires_at timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
-- Expired, never redeemed tickets are deleted by the next issue.
CREATE INDEX event_tickets_by_expiry ON event_tickets (expires_at);
