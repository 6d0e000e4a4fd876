-- Tables every service has, in its own schema (Flyway runs this with search_path set to that schema).
-- tenant_id comes first in every key, so the schema distributes on Citus by tenant_id.

-- The row-level security rule of every tenant table: the transaction's scope (set first thing in every
-- transaction with set_config('tenfold.tenant', ..., true)) is the row's tenant, or '*' for system work.
-- Unset, the setting is NULL or '' and matches nothing: a forgotten scope fails closed.
CREATE FUNCTION tenant_allowed(row_tenant text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT row_tenant = current_setting('tenfold.tenant', true)
              OR current_setting('tenfold.tenant', true) = '*' $$;

-- Transactional outbox: written in the same transaction as the change, published by the relay, then deleted.
CREATE TABLE outbox (
    tenant_id   text        NOT NULL,
    id          bigserial   NOT NULL,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    value       text,                   -- NULL: a tombstone
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_publish_order ON outbox (id);

-- The tenants this service serves, from tenfold.tenants. A deleted tenant keeps its row (status 'deleted')
-- so that the sequence of its last event guards against replays.
CREATE TABLE known_tenants (
    tenant_id   text        NOT NULL PRIMARY KEY,
    name        text,
    status      text        NOT NULL CHECK (status IN ('active', 'deleted')),
    source_seq  bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox USING (tenant_allowed(tenant_id));

ALTER TABLE known_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE known_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON known_tenants USING (tenant_allowed(tenant_id));
