// SMART Backend Services with openid-client 6: discovery of the tenant's provider authorization server, a
// client_credentials grant authenticated with private_key_jwt (the backend service's own key, ES384 or RS384),
// then RFC 7662 introspection by the confidential provider app and RFC 7009 revocation.
//
// Inputs (environment): ISSUER (the tenant's provider authorization server), SCOPE (system scopes to ask for),
// BACKEND_CLIENT_ID, BACKEND_PRIVATE_JWK (the private key as a JWK, with kid and alg),
// CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET.
// Output: one line of JSON.
import * as oidc from 'openid-client';

import { claims, env, header, run, verifySignature } from './lib/script.mjs';

const SIGNING = {
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
};

async function privateKey(jwk) {
  const algorithm = SIGNING[jwk.alg];
  if (!algorithm) {
    throw new Error(`unsupported key alg ${jwk.alg}`);
  }
  return { key: await crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']), kid: jwk.kid };
}

/** Tenfold's answer to a failed call, as openid-client reports it (for a 401 challenge, from the body it kept). */
async function failure(e) {
  let body;
  if (e.error === undefined && e.response && !e.response.bodyUsed) {
    try { body = await e.response.json(); } catch { /* not JSON */ }
  }
  return {
    ok: false,
    error: e.error ?? body?.error ?? e.code ?? e.name,
    status: e.status ?? e.response?.status,
    description: e.error_description ?? body?.error_description ?? e.message,
  };
}

async function attempt(call) {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    return failure(e);
  }
}

await run(async () => {
  const issuer = new URL(env('ISSUER'));
  const scope = env('SCOPE');
  const jwk = JSON.parse(env('BACKEND_PRIVATE_JWK'));
  const backendId = env('BACKEND_CLIENT_ID');

  // The confidential provider app discovers the server (plain http on this machine: allowInsecureRequests).
  const confidential = await oidc.discovery(issuer, env('CONFIDENTIAL_CLIENT_ID'), undefined,
    oidc.ClientSecretBasic(env('CONFIDENTIAL_CLIENT_SECRET')), { execute: [oidc.allowInsecureRequests] });
  const metadata = confidential.serverMetadata();

  // The backend service, on the same metadata, signs its client assertions with its private key. SMART Backend
  // Services (and docs/auth.md) address the assertion to the token endpoint; openid-client's default is the issuer.
  const key = await privateKey(jwk);
  const backend = new oidc.Configuration(metadata, backendId, { token_endpoint_auth_method: 'private_key_jwt' },
    oidc.PrivateKeyJwt(key, {
      [oidc.modifyAssertion](_header, payload) {
        payload.aud = metadata.token_endpoint;
      },
    }));
  oidc.allowInsecureRequests(backend);

  const issuerAudience = new oidc.Configuration(metadata, backendId, {}, oidc.PrivateKeyJwt(key));
  oidc.allowInsecureRequests(issuerAudience);
  const assertionForIssuer = await attempt(() => oidc.clientCredentialsGrant(issuerAudience, { scope }));

  const tokens = await oidc.clientCredentialsGrant(backend, { scope });
  const accessToken = tokens.access_token;
  const signature = await verifySignature(accessToken, metadata.jwks_uri);

  const introspected = await oidc.tokenIntrospection(confidential, accessToken);
  const garbage = await oidc.tokenIntrospection(confidential, 'not-a-token-' + Date.now());

  // RFC 7009: a client revokes its own tokens. The provider app asking to revoke the backend's token changes nothing.
  await oidc.tokenRevocation(confidential, accessToken);
  const afterForeignRevocation = await oidc.tokenIntrospection(confidential, accessToken);
  await oidc.tokenRevocation(backend, accessToken);
  const afterOwnRevocation = await oidc.tokenIntrospection(confidential, accessToken);

  const second = await oidc.clientCredentialsGrant(backend, { scope });

  return {
    discovery: {
      issuer: metadata.issuer,
      token_endpoint: metadata.token_endpoint,
      introspection_endpoint: metadata.introspection_endpoint,
      revocation_endpoint: metadata.revocation_endpoint,
      jwks_uri: metadata.jwks_uri,
      token_endpoint_auth_methods_supported: metadata.token_endpoint_auth_methods_supported,
    },
    assertionForIssuer: assertionForIssuer.ok ? { ok: true } : assertionForIssuer,
    token: {
      token_type: tokens.token_type,
      expires_in: tokens.expires_in,
      scope: tokens.scope,
      has_refresh_token: tokens.refresh_token !== undefined,
      has_id_token: tokens.id_token !== undefined,
    },
    accessTokenHeader: header(accessToken),
    accessTokenClaims: claims(accessToken),
    signature,
    introspected,
    garbageIntrospected: garbage,
    afterForeignRevocation,
    afterOwnRevocation,
    secondToken: { scope: second.scope, differs: second.access_token !== accessToken },
  };
});
