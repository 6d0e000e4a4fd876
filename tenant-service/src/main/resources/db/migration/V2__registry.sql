-- The registry of users, clients and access policies (Smartbox shapes), and invites.
-- tenant_id is a tenant's id, or '_global' for global rows (operator users, operator clients), which no tenant
-- id can equal. tenant_id comes first in every key. Ids are unique across the install per kind (the operator
-- API's URLs name no tenant), hence the unique index on id alone: these tables are small and would be Citus
-- reference tables (create_reference_table), not distributed ones.
-- resource: the resource as the operator API shows it (without meta.versionId/lastUpdated and without any
-- secret), kept as written ('json', not 'jsonb', so its order is kept).

CREATE TABLE users (
    tenant_id     text        NOT NULL,
    id            text        NOT NULL CHECK (id ~ '^[A-Za-z0-9.-]{1,64}$'),
    email         text        NOT NULL,
    password_hash text,                     -- argon2id (PHC string); NULL until a password is set (invites)
    resource      json        NOT NULL,
    version       bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_id_key ON users (id);
CREATE UNIQUE INDEX users_email_key ON users (tenant_id, lower(email));

CREATE TABLE clients (
    tenant_id     text        NOT NULL,
    id            text        NOT NULL CHECK (id ~ '^[A-Za-z0-9.-]{1,64}$'),
    secret_hash   text,                     -- argon2id (PHC string); NULL for public and key-based clients
    resource      json        NOT NULL,
    version       bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX clients_id_key ON clients (id);

CREATE TABLE access_policies (
    tenant_id     text        NOT NULL,
    id            text        NOT NULL CHECK (id ~ '^[A-Za-z0-9.-]{1,64}$'),
    resource      json        NOT NULL,
    version       bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX access_policies_id_key ON access_policies (id);

-- Invitations: a single-use ticket that lets an invited user choose a password. Only the ticket's SHA-256 is
-- stored. Deleting the user deletes its invites.
CREATE TABLE invites (
    tenant_id     text        NOT NULL,
    id            text        NOT NULL,
    user_id       text        NOT NULL,
    ticket_digest text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX invites_ticket_key ON invites (ticket_digest);
CREATE INDEX invites_user ON invites (tenant_id, user_id);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users USING (tenant_allowed(tenant_id));

ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clients USING (tenant_allowed(tenant_id));

ALTER TABLE access_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON access_policies USING (tenant_allowed(tenant_id));

ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
ALTER TABLE invites FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invites USING (tenant_allowed(tenant_id));
