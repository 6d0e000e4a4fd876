// What every client script shares: inputs from the environment, one JSON result on stdout, exit code 1 on failure.

/** An input from the environment; a missing required one fails the script. */
export function env(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) {
      return fallback;
    }
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

/**
 * Runs the script's body and prints its result as one line of JSON. A failure prints {"error": ...} on stdout
 * (so the caller always has JSON to read), the stack on stderr, and exits 1.
 */
export async function run(body) {
  try {
    const result = await body();
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exitCode = 0;
  } catch (e) {
    const error = { error: String(e?.message ?? e) };
    if (e?.code) error.code = e.code;
    if (e?.error) error.oauthError = e.error;
    if (e?.error_description) error.oauthErrorDescription = e.error_description;
    if (e?.cause && typeof e.cause === 'object') error.cause = safe(e.cause);
    process.stdout.write(JSON.stringify(error) + '\n');
    process.stderr.write((e?.stack ?? String(e)) + '\n');
    process.exitCode = 1;
  }
}

function safe(value) {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

/** The claims of a JWT, unverified (for reporting what a token says). */
export function claims(jwt) {
  if (typeof jwt !== 'string' || jwt.split('.').length !== 3) {
    return null;
  }
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** The header of a JWT. */
export function header(jwt) {
  if (typeof jwt !== 'string' || jwt.split('.').length !== 3) {
    return null;
  }
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

const VERIFY_ALGORITHMS = {
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } },
  ES384: { import: { name: 'ECDSA', namedCurve: 'P-384' }, verify: { name: 'ECDSA', hash: 'SHA-384' } },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  RS384: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
};

/**
 * Checks a JWT's signature against the issuer's published key set, as a resource server would: the key is found by
 * the header's kid. Returns {verified, alg, kid} (verified false when no key or a bad signature).
 */
export async function verifySignature(jwt, jwksUri) {
  const head = header(jwt);
  const response = await fetch(jwksUri);
  if (!response.ok) {
    throw new Error(`the key set at ${jwksUri} answered ${response.status}`);
  }
  const { keys } = await response.json();
  const jwk = keys.find((k) => k.kid === head.kid);
  const algorithm = VERIFY_ALGORITHMS[head.alg];
  if (!jwk || !algorithm) {
    return { verified: false, alg: head.alg, kid: head.kid, reason: !jwk ? 'no key with this kid' : 'alg' };
  }
  const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
  const key = await crypto.subtle.importKey('jwk', { ...publicJwk, ext: true }, algorithm.import, false, ['verify']);
  const [h, c, s] = jwt.split('.');
  const verified = await crypto.subtle.verify(algorithm.verify, key, Buffer.from(s, 'base64url'),
    new TextEncoder().encode(`${h}.${c}`));
  return { verified, alg: head.alg, kid: head.kid, privateMembersPublished: d !== undefined || p !== undefined };
}
