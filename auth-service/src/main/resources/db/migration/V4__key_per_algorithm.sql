-- An issuer signs access tokens with ES256 (fast) and id tokens and launches with RS256 (what SMART clients and
-- Inferno verify): one active key per tenant, audience and algorithm.
DROP INDEX signing_keys_one_active;
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (tenant_id, audience, alg) WHERE status = 'active';
