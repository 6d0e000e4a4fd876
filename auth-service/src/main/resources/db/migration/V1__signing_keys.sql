-- Signing keys per tenant and audience. The private key is encrypted with the key-encryption key from the
-- environment (AES-256-GCM; nonce || ciphertext), with tenant, audience and kid as associated data.
-- One active key per tenant and audience; the previous one stays published in the JWKS during rotation.
CREATE TABLE signing_keys (
    tenant_id    text        NOT NULL,
    kid          text        NOT NULL,
    audience     text        NOT NULL CHECK (audience IN ('patient', 'provider')),
    alg          text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'previous', 'retired')),
    public_jwk   jsonb       NOT NULL,
    private_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, kid)
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (tenant_id, audience) WHERE status = 'active';

ALTER TABLE signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON signing_keys USING (tenant_allowed(tenant_id));
