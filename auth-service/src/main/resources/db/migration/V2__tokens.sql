-- The operator issuer's keys live under tenant '_global' with audience 'operator'.
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_audience_check;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_audience_check
    CHECK (audience IN ('patient', 'provider', 'operator'));

-- Client assertions (private_key_jwt) already used, until they expire: a replayed jti is refused.
CREATE TABLE used_assertions (
    tenant_id   text        NOT NULL,
    client_id   text        NOT NULL,
    jti         text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, client_id, jti)
);
CREATE INDEX used_assertions_expiry ON used_assertions (expires_at);

-- Access tokens revoked before they expire (RFC 7009); kept until they would have expired.
CREATE TABLE revoked_tokens (
    tenant_id   text        NOT NULL,
    jti         text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, jti)
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

ALTER TABLE used_assertions ENABLE ROW LEVEL SECURITY;
ALTER TABLE used_assertions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON used_assertions USING (tenant_allowed(tenant_id));

ALTER TABLE revoked_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE revoked_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON revoked_tokens USING (tenant_allowed(tenant_id));
