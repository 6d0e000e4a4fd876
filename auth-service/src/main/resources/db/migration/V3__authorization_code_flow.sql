-- SMART App Launch state. Every bearer value (request id, CSRF token, session id, code, refresh token) is stored
-- only as its SHA-256; what the database holds cannot be presented back.

-- An /authorize request waiting for the user to log in and consent (10 minutes at most).
CREATE TABLE authorization_requests (
    tenant_id       text        NOT NULL,
    id_hash         text        NOT NULL,
    audience        text        NOT NULL,
    client_id       text        NOT NULL,
    redirect_uri    text        NOT NULL,
    scope           text        NOT NULL,
    state           text,
    nonce           text,
    code_challenge  text,
    launch_context  jsonb,                 -- from an EHR launch: patient, encounter, user it was minted for
    csrf_hash       text        NOT NULL,  -- the token the login and consent forms must post back
    user_id         text,                  -- once logged in
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id_hash)
);
CREATE INDEX authorization_requests_expiry ON authorization_requests (expires_at);

-- Browser sessions of a tenant's authorization server for one audience (cookie scoped to that path).
CREATE TABLE sessions (
    tenant_id   text        NOT NULL,
    id_hash     text        NOT NULL,
    audience    text        NOT NULL,
    user_id     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id_hash)
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

-- Single-use authorization codes (60 seconds). A second use revokes what the first one issued.
CREATE TABLE authorization_codes (
    tenant_id       text        NOT NULL,
    code_hash       text        NOT NULL,
    audience        text        NOT NULL,
    client_id       text        NOT NULL,
    user_id         text        NOT NULL,
    redirect_uri    text        NOT NULL,
    scope           text        NOT NULL,
    nonce           text,
    code_challenge  text,
    context         jsonb       NOT NULL,  -- patient, fhirUser, need_patient_banner, ...
    family_id       uuid        NOT NULL,  -- the tokens issued from this code
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    PRIMARY KEY (tenant_id, code_hash)
);

-- Refresh tokens rotate on every use; presenting a used one revokes its whole family.
CREATE TABLE refresh_tokens (
    tenant_id   text        NOT NULL,
    token_hash  text        NOT NULL,
    family_id   uuid        NOT NULL,
    audience    text        NOT NULL,
    client_id   text        NOT NULL,
    user_id     text        NOT NULL,
    scope       text        NOT NULL,
    context     jsonb       NOT NULL,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    used_at     timestamptz,
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, token_hash)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (tenant_id, family_id);

-- Access tokens by family, so that a family can be revoked (code replay, refresh reuse, revocation).
CREATE TABLE issued_tokens (
    tenant_id   text        NOT NULL,
    jti         text        NOT NULL,
    family_id   uuid        NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, jti)
);
CREATE INDEX issued_tokens_family ON issued_tokens (tenant_id, family_id);

-- What a user allowed an app (the portal lists and withdraws these).
CREATE TABLE grants (
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    client_id   text        NOT NULL,
    audience    text        NOT NULL,
    scope       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, client_id, audience)
);

-- Failed logins per tenant and email (known or not), for throttling.
CREATE TABLE login_failures (
    tenant_id     text        NOT NULL,
    email_hash    text        NOT NULL,
    failures      int         NOT NULL,
    window_start  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, email_hash)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['authorization_requests', 'sessions', 'authorization_codes', 'refresh_tokens',
                             'issued_tokens', 'grants', 'login_failures'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_allowed(tenant_id))', t);
    END LOOP;
END $$;
