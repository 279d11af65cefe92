--liquibase formatted sql

--changeset warden:033-listing-indexes
-- Prefix search of the system administrators' lists (GET /api/admin/tenants?q=, /users?q=):
-- "LIKE 'prefix%'" can use a B-tree only with the text_pattern_ops operator class whatever the
-- database's collation. E-mails and slugs are stored lower-case; names are searched lower-cased.
-- Pages are walked by id, which the primary keys serve.
CREATE INDEX users_email_prefix ON users (email text_pattern_ops);
CREATE INDEX tenants_slug_prefix ON tenants (slug text_pattern_ops);
CREATE INDEX tenants_name_prefix ON tenants (lower(name) text_pattern_ops);
