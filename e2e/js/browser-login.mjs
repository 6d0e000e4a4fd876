// A person in a real browser (headless Chromium driven by playwright-core): opens the app's authorize URL, signs in
// by typing into the fields labelled Email and Password, and on the consent page either unticks one scope and
// presses Allow, or presses Deny. The browser's request for the app's redirect URI is caught (no site is loaded);
// its code (or error), state and iss are the result, and the caller (the app) exchanges the code. A screenshot of
// the consent page is saved for people to look at.
//
// Inputs (environment): AUTHORIZE_URL, REDIRECT_URI, EMAIL, PASSWORD, DECISION (allow, the default, or deny),
// UNTICK (with allow: the scope to untick, e.g. patient/*.rs), SCREENSHOT (optional: where to save the consent page
// as PNG), CHROMIUM (default /usr/bin/chromium).
// Output: one line of JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { env, run } from './lib/script.mjs';

// Chromium on a closed network: no background fetches (they hang or fail the start), no GPU, no sandbox (root).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

await run(async () => {
  const redirectUri = env('REDIRECT_URI');
  const decision = env('DECISION', 'allow');
  if (decision !== 'allow' && decision !== 'deny') {
    throw new Error(`DECISION must be allow or deny, not ${decision}`);
  }
  // A fresh profile: no cookies, no earlier session.
  const profile = await mkdtemp(join(tmpdir(), 'tenfold-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);

    await page.goto(env('AUTHORIZE_URL'));
    const loginTitle = await page.title();
    await page.getByLabel('Email').fill(env('EMAIL'));
    await page.getByLabel('Password').fill(env('PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'Allow' }).waitFor();
    const consentTitle = await page.title();
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim();
    const offered = [];
    for (const box of await page.getByRole('checkbox').all()) {
      const label = page.locator(`label[for="${await box.getAttribute('id')}"]`);
      offered.push({ scope: await box.getAttribute('value'), label: (await label.textContent())?.trim(),
        checked: await box.isChecked() });
    }

    let unticked = null;
    if (decision === 'allow' && process.env.UNTICK) {
      const untick = process.env.UNTICK;
      const target = page.locator(`input[type=checkbox][value="${untick}"]`);
      if ((await target.count()) !== 1) {
        throw new Error(`the consent page offers no checkbox for ${untick}: ${JSON.stringify(offered)}`);
      }
      // Untick it the way a person does: by clicking its label.
      await page.locator(`label[for="${await target.getAttribute('id')}"]`).click();
      unticked = !(await target.isChecked());
    }
    const screenshot = process.env.SCREENSHOT || null;
    if (screenshot) {
      await page.screenshot({ path: screenshot, fullPage: true });
    }

    // The redirect to the app is caught as the browser's request leaves: a redirect target cannot be routed, and
    // nothing listens there, so what the browser then shows is of no interest.
    const [callbackRequest] = await Promise.all([
      page.waitForRequest((request) => request.url().startsWith(redirectUri)),
      page.getByRole('button', { name: decision === 'allow' ? 'Allow' : 'Deny' }).click(),
    ]);
    const params = new URL(callbackRequest.url()).searchParams;
    return {
      loginTitle,
      consentTitle,
      heading,
      offered,
      unticked,
      screenshot,
      callback: {
        code: params.get('code'),
        state: params.get('state'),
        iss: params.get('iss'),
        error: params.get('error'),
        error_description: params.get('error_description'),
      },
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
