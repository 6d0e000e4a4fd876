-- The registry as a service sees it: users, clients and access policies from the compacted topics
-- tenfold.users, tenfold.clients, tenfold.access-policies (for the services that follow them). A deleted row
-- stays (deleted = true) with the sequence of its tombstone, so an older state can never bring it back.
CREATE TABLE registry_state (
    tenant_id   text        NOT NULL,   -- a tenant id, or '_global' for operators and operator clients
    kind        text        NOT NULL CHECK (kind IN ('user', 'client', 'access-policy')),
    id          text        NOT NULL,
    source_seq  bigint      NOT NULL,
    deleted     boolean     NOT NULL,
    state       jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, kind, id)
);
CREATE INDEX registry_state_user_email ON registry_state (tenant_id, lower(state ->> 'email'))
    WHERE kind = 'user' AND NOT deleted;
CREATE INDEX registry_state_policy_links ON registry_state USING gin ((state -> 'links') jsonb_path_ops)
    WHERE kind = 'access-policy' AND NOT deleted;

ALTER TABLE registry_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry_state FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry_state USING (tenant_allowed(tenant_id));

-- How far each registry topic has been applied (written in the same transaction as the effects).
CREATE TABLE registry_offsets (
    topic        text   NOT NULL,
    partition_no int    NOT NULL,
    next_offset  bigint NOT NULL,
    PRIMARY KEY (topic, partition_no)
);
