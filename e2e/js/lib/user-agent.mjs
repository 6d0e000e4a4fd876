// The person at the keyboard, without a browser: follows Tenfold's redirects, keeps cookies per path as a browser
// does, and submits the sign-in and consent forms the pages render, with the pages' own hidden fields.

const MAX_STEPS = 12;

/** A cookie jar and plain HTTP, redirects followed by hand so that the one back to the app can be caught. */
export class UserAgent {
  constructor() {
    this.cookies = new Map(); // "path|name" -> {name, value, path}
    this.pages = [];          // what the person saw: [{url, status, title}]
  }

  async get(url) {
    return this.#send(url, { method: 'GET' });
  }

  async postForm(url, fields) {
    const body = new URLSearchParams();
    for (const [name, value] of fields) {
      body.append(name, value);
    }
    return this.#send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  async #send(url, init) {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = { accept: 'text/html', ...(init.headers ?? {}) };
    if (cookie) {
      headers.cookie = cookie;
    }
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      this.#keep(line, target);
    }
    const text = await response.text();
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
    this.pages.push({ method: init.method, url: target.origin + target.pathname, status: response.status, title });
    return { status: response.status, location: response.headers.get('location'), text, url: target.href };
  }

  #keep(line, target) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.substring(0, eq);
    const value = pair.substring(eq + 1);
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key, v] = attribute.split('=');
      if (key.toLowerCase() === 'path' && v) path = v;
      if (key.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
    }
    const key = `${path}|${name}`;
    if (expired) {
      this.cookies.delete(key);
    } else {
      this.cookies.set(key, { name, value, path });
    }
  }
}

/** The first form of a page: its action and its named inputs as a browser would submit them, and its checkboxes. */
export function parseForm(html, base) {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) {
    return null;
  }
  const fields = [];
  const checkboxes = [];
  const inputs = [];
  for (const input of form[2].matchAll(/<input([^>]*)>/gi)) {
    const attrs = {};
    for (const a of input[1].matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
      attrs[a[1].toLowerCase()] = a[2] === undefined ? '' : unescape(a[2]);
    }
    inputs.push(attrs);
    const type = (attrs.type ?? 'text').toLowerCase();
    if (type === 'checkbox') {
      checkboxes.push({ name: attrs.name, value: attrs.value, checked: 'checked' in attrs });
    } else if (type === 'hidden' && attrs.name) {
      fields.push([attrs.name, attrs.value ?? '']);
    }
  }
  return { action: new URL(unescape(form[1]), base).href, hidden: fields, checkboxes, inputs };
}

function unescape(s) {
  return s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function alertOf(html) {
  return /role="alert"[^>]*>([^<]*)</i.exec(html)?.[1]?.trim();
}

/**
 * Opens an authorize URL and does what a person does: signs in when asked, and on the consent page keeps every
 * scope ticked except those in `untick`, picks the patient from the picker's list when asked, and presses Allow. Returns the URL Tenfold
 * sends the browser back to (the app's redirect URI with code, state and iss, or with an error), and what the
 * person saw. Pass the same `agent` to go on in the same browser (its session cookie).
 */
export async function signInAndConsent(authorizeUrl,
  { email, password, redirectUri, untick = [], patient, agent = new UserAgent() }) {
  const seen = { login: false, consent: false, consentScopes: [] };
  let response = await agent.get(authorizeUrl);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.location, response.url).href;
      if (next.startsWith(redirectUri)) {
        return { callbackUrl: next, seen, pages: agent.pages };
      }
      response = await agent.get(next);
      continue;
    }
    if (response.status !== 200) {
      throw new Error(`Tenfold answered ${response.status} at ${response.url}: ${response.text.substring(0, 500)}`);
    }
    const form = parseForm(response.text, response.url);
    if (!form) {
      throw new Error(`a page without a form at ${response.url}: ${response.text.substring(0, 500)}`);
    }
    const names = new Set(form.inputs.map((i) => i.name));
    if (names.has('password')) {
      if (seen.login) {
        throw new Error(`signing in failed: ${alertOf(response.text) ?? 'the sign-in page came back'}`);
      }
      seen.login = true;
      response = await agent.postForm(form.action, [...form.hidden, ['email', email], ['password', password]]);
    } else if (form.checkboxes.length > 0 || /name="decision"/.test(response.text)) {
      if (seen.consent) {
        throw new Error(`consent failed: ${alertOf(response.text) ?? 'the consent page came back'}`);
      }
      seen.consent = true;
      seen.consentScopes = form.checkboxes.map((c) => c.value);
      const fields = [...form.hidden];
      for (const box of form.checkboxes) {
        if (box.checked && !untick.includes(box.value)) {
          fields.push([box.name, box.value]);
        }
      }
      if (names.has('patient-query')) {
        // the patient picker: choose the patient among those the page lists, as a person clicks one
        if (!patient) {
          throw new Error('the consent page asks for a patient, and none was given');
        }
        const offered = form.inputs.filter((i) => i.name === 'patient' && i.type === 'radio').map((i) => i.value);
        if (!offered.includes(patient)) {
          throw new Error(`the patient picker does not offer ${patient} (it offers ${offered.join(', ') || 'none'})`);
        }
        fields.push(['patient', patient]);
      }
      fields.push(['decision', 'allow']);
      response = await agent.postForm(form.action, fields);
    } else {
      throw new Error(`an unexpected form at ${response.url}`);
    }
  }
  throw new Error(`no redirect back to ${redirectUri} after ${MAX_STEPS} steps`);
}
