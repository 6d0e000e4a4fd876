-- The registry of tenants. Global to the install: operators manage them, in scope '*'.
CREATE TABLE tenants (
    tenant_id   text        NOT NULL PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text        NOT NULL,
    version     bigint      NOT NULL,
    seq         bigint      NOT NULL DEFAULT 0,   -- outbox sequence of the tenant's last state event
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- What each service reported for the tenant state with sequence tenant_seq.
CREATE TABLE provisioning (
    tenant_id   text        NOT NULL,
    service     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('READY', 'PURGED')),
    tenant_seq  bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, service)
);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (tenant_allowed(tenant_id));

ALTER TABLE provisioning ENABLE ROW LEVEL SECURITY;
ALTER TABLE provisioning FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provisioning USING (tenant_allowed(tenant_id));
