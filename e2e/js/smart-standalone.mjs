// A SMART standalone patient launch with fhirclient (the SMART JS client), unchanged, in plain Node: authorize()
// builds the authorize URL (PKCE S256, since the server's smart-configuration offers it), the patient signs in and
// consents on Tenfold's pages, and ready() exchanges the code from the callback URL. Then the client refreshes its
// token and reads the patient in context.
//
// Inputs (environment): FHIR_BASE (the tenant's patient FHIR API), CLIENT_ID, REDIRECT_URI, SCOPE, EMAIL, PASSWORD.
// Output: one line of JSON (see the result below).
import NodeAdapter from 'fhirclient/lib/adapters/NodeAdapter.js';

import { claims, env, header, run } from './lib/script.mjs';
import { signInAndConsent } from './lib/user-agent.mjs';

/** fhirclient keeps its launch state in a server-side store; this app's lives in memory. */
class MemoryStorage {
  #values = new Map();
  async get(key) { return this.#values.get(key); }
  async set(key, value) { this.#values.set(key, value); return value; }
  async unset(key) { return this.#values.delete(key); }
}

/** What an app server hands fhirclient for one incoming request (only the URL is read). */
function incoming(appUrl) {
  const url = new URL(appUrl);
  return { url: url.pathname + url.search, headers: { host: url.host }, socket: {} };
}

const outgoing = {
  writeHead() { throw new Error('fhirclient tried to redirect although noRedirect was set'); },
  end() {},
};

/** fhirclient's SMART API for one request of the app, sharing the app's storage. */
function smartFor(appUrl, storage) {
  // refreshTokenWithClientId: a public client identifies itself on refresh (RFC 6749 §6 with §3.2.1).
  return new NodeAdapter.default({ request: incoming(appUrl), response: outgoing, storage, refreshTokenWithClientId: true })
    .getSmartApi();
}

await run(async () => {
  const fhirBase = env('FHIR_BASE');
  const redirectUri = env('REDIRECT_URI');
  const storage = new MemoryStorage();

  const launchUrl = new URL('launch', redirectUri).href;
  const authorizeUrl = await smartFor(launchUrl, storage).authorize({
    iss: fhirBase,
    clientId: env('CLIENT_ID'),
    scope: env('SCOPE'),
    redirectUri,
    noRedirect: true,
  });

  const { callbackUrl, seen } = await signInAndConsent(authorizeUrl, {
    email: env('EMAIL'),
    password: env('PASSWORD'),
    redirectUri,
  });

  const client = await smartFor(callbackUrl, storage).ready();
  const token = client.state.tokenResponse;
  const callback = new URL(callbackUrl).searchParams;

  const refreshed = await client.refresh();

  let patientRead;
  try {
    const patient = await client.patient.read();
    patientRead = { ok: true, resourceType: patient.resourceType, id: patient.id };
  } catch (e) {
    // fhirclient's HttpError carries the server's JSON answer in its message, after a blank line.
    const message = String(e.message ?? e);
    let body = null;
    if (message.includes('\n\n')) {
      try { body = JSON.parse(message.substring(message.indexOf('\n\n') + 2)); } catch { /* not JSON */ }
    }
    patientRead = { ok: false, status: e.status ?? null, message: message.split('\n')[0], body };
  }

  return {
    authorizeUrl,
    authorizeParams: Object.fromEntries(new URL(authorizeUrl).searchParams),
    callback: { state: callback.get('state'), iss: callback.get('iss'), hasCode: callback.has('code') },
    seen,
    token: {
      token_type: token.token_type,
      expires_in: token.expires_in,
      scope: token.scope,
      patient: token.patient,
      need_patient_banner: token.need_patient_banner,
      smart_style_url: token.smart_style_url,
      has_refresh_token: typeof token.refresh_token === 'string' && token.refresh_token.length > 0,
      access_token: token.access_token,
      id_token: token.id_token,
    },
    accessTokenHeader: header(token.access_token),
    accessTokenClaims: claims(token.access_token),
    idTokenClaims: claims(token.id_token),
    client: {
      patientId: client.getPatientId(),
      fhirUser: client.getFhirUser(),
      userType: client.getUserType(),
      userId: client.getUserId(),
    },
    refreshed: {
      scope: refreshed.tokenResponse.scope,
      patient: refreshed.tokenResponse.patient,
      new_access_token: refreshed.tokenResponse.access_token !== token.access_token,
      has_refresh_token: typeof refreshed.tokenResponse.refresh_token === 'string',
    },
    patientRead,
  };
});
