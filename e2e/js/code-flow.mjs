// An authorization code flow with PKCE for a confidential provider app, with openid-client 6: discovery, the
// authorize URL, the provider signing in and consenting on Tenfold's pages (naming the patient), the code
// exchange with client_secret_basic (openid-client checks state, iss, nonce and the id token), userinfo, a code
// replay, a refresh (the scope must come back unchanged), and RFC 7009 revocation of the refresh token, which
// takes the authorization's access tokens with it.
//
// Inputs (environment): ISSUER (the tenant's provider authorization server), FHIR_BASE (the provider FHIR API, the
// `aud` of the request), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, SCOPE, EMAIL, PASSWORD, PATIENT (the id the
// provider types on the consent page).
// Output: one line of JSON.
import * as oidc from 'openid-client';

import { claims, env, header, run, verifySignature } from './lib/script.mjs';
import { signInAndConsent, UserAgent } from './lib/user-agent.mjs';

async function attempt(call) {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    return { ok: false, error: e.error ?? e.code ?? e.name, status: e.status, description: e.error_description ?? e.message };
  }
}

await run(async () => {
  const redirectUri = env('REDIRECT_URI');
  const scope = env('SCOPE');
  const person = { email: env('EMAIL'), password: env('PASSWORD'), patient: env('PATIENT'), redirectUri };
  const config = await oidc.discovery(new URL(env('ISSUER')), env('CLIENT_ID'), undefined,
    oidc.ClientSecretBasic(env('CLIENT_SECRET')), { execute: [oidc.allowInsecureRequests] });
  const metadata = config.serverMetadata();

  /** The app sends the browser to the authorization server; returns the request's checks and the URL. */
  async function authorizationRequest(withNonce) {
    const checks = { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: oidc.randomState() };
    const params = {
      redirect_uri: redirectUri,
      scope,
      aud: env('FHIR_BASE'),
      state: checks.expectedState,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
      code_challenge_method: 'S256',
    };
    if (withNonce) {
      checks.expectedNonce = params.nonce = oidc.randomNonce();
    }
    return { checks, url: oidc.buildAuthorizationUrl(config, params) };
  }

  // The provider's browser: one cookie jar for the whole script.
  const browser = new UserAgent();

  const first = await authorizationRequest(true);
  const { callbackUrl, seen } = await signInAndConsent(first.url.href, { ...person, agent: browser });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl),
    { ...first.checks, idTokenExpected: true });
  const idToken = tokens.claims();
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
  const accessSignature = await verifySignature(tokens.access_token, metadata.jwks_uri);
  const idSignature = await verifySignature(tokens.id_token, metadata.jwks_uri);

  // A second exchange of the same code fails (codes are single-use) and revokes what the first one issued.
  const replay = await attempt(() => oidc.authorizationCodeGrant(config, new URL(callbackUrl), first.checks));
  const afterReplay = await oidc.tokenIntrospection(config, tokens.access_token);

  // So the app authorizes again. In the same browser the session holds (no sign-in); the consent page still asks
  // which patient, as a provider standalone launch names one each time.
  const next = await authorizationRequest(false);
  const second = await signInAndConsent(next.url.href, { ...person, agent: browser });
  const fresh = await oidc.authorizationCodeGrant(config, new URL(second.callbackUrl), next.checks);

  // A refresh without scope gives back the scope granted, with a new (rotated) refresh token.
  const refreshed = await oidc.refreshTokenGrant(config, fresh.refresh_token);
  const refreshedAccess = await oidc.tokenIntrospection(config, refreshed.access_token);
  const refreshedRefresh = await oidc.tokenIntrospection(config, refreshed.refresh_token);

  // RFC 7009: the app revokes its refresh token; the access tokens of that authorization go with it.
  await oidc.tokenRevocation(config, refreshed.refresh_token);
  const afterRevocation = {
    accessToken: await oidc.tokenIntrospection(config, refreshed.access_token),
    refreshToken: await oidc.tokenIntrospection(config, refreshed.refresh_token),
    refresh: await attempt(() => oidc.refreshTokenGrant(config, refreshed.refresh_token)),
  };

  return {
    discovery: { issuer: metadata.issuer, authorization_endpoint: metadata.authorization_endpoint },
    authorizeParams: Object.fromEntries(first.url.searchParams),
    seen,
    callback: Object.fromEntries([...new URL(callbackUrl).searchParams].filter(([k]) => k !== 'code')),
    token: {
      token_type: tokens.token_type,
      expires_in: tokens.expires_in,
      scope: tokens.scope,
      patient: tokens.patient,
      need_patient_banner: tokens.need_patient_banner,
      has_refresh_token: typeof tokens.refresh_token === 'string',
    },
    accessTokenHeader: header(tokens.access_token),
    accessTokenClaims: claims(tokens.access_token),
    accessSignature,
    idTokenClaims: idToken,
    idSignature,
    userinfo,
    replay,
    afterReplay,
    secondAuthorization: { seen: second.seen, scope: fresh.scope, patient: fresh.patient },
    refreshed: {
      scope: refreshed.scope,
      patient: refreshed.patient,
      rotated: typeof refreshed.refresh_token === 'string' && refreshed.refresh_token !== fresh.refresh_token,
      new_access_token: refreshed.access_token !== fresh.access_token,
      accessIntrospected: refreshedAccess,
      refreshIntrospected: refreshedRefresh,
    },
    afterRevocation,
  };
});
