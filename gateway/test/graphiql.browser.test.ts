import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startStack, type Stack } from '@econtract/testkit';

/** Debian's Chromium (`apt-get install chromium`); never a browser downloaded at test time. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH.`);
  stack = await startStack();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('GraphiQL explorer at /graphiql', () => {
  it('loads without the internet, signs in, and runs a cross-subgraph query', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gatewayUrl) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${stack.gatewayUrl}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });

    await page.fill('#loginId', 'demo-admin');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#sign-in');
    await expect.poll(() => page.inputValue('#token'), { timeout: 10_000 }).toMatch(/^ey/);
    await expect.poll(() => page.textContent('#auth-status')).toContain('Signed in as demo-admin');

    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('Overview'));
    await page.click('.graphiql-execute-button');
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toMatchObject({ loginId: 'demo-admin', company: { name: '데모전자(주)' } });
    expect(body.data.plans.map((plan: { code: string }) => plan.code)).toContain('SOHO');
    expect(body.data.documentCategories).toHaveLength(3);
    // What the person sees: the answer rendered in the result pane.
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, what the person sees, not the DOM property.
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('데모전자(주)');

    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('uses a pasted access token for the requests', async () => {
    const token = await stack.login('demo-staff');
    const page = await browser.newPage();
    await page.goto(`${stack.gatewayUrl}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });
    await page.fill('#token', token);
    await page.dispatchEvent('#token', 'change');
    await expect.poll(() => page.textContent('#auth-status'), { timeout: 10_000 }).toContain('Signed in as demo-staff');
    await page.click('.graphiql-execute-button');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, what the person sees, not the DOM property.
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('"loginId": "demo-staff"');
  });

  it('does not claim a sign-in for a pasted token the gateway rejects, and sends no token', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.gatewayUrl}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });
    await page.fill('#token', 'not-a-real-token');
    await page.dispatchEvent('#token', 'change');
    await expect.poll(() => page.textContent('#auth-status'), { timeout: 10_000 }).toContain('Token rejected: Your sign-in has expired or is not valid.');
    expect(await page.textContent('#auth-status')).not.toContain('Signed in');
    expect(await page.evaluate(() => localStorage.getItem('econtract.accessToken'))).toBeNull();
    // The query goes out anonymously instead of carrying the rejected token.
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('Overview'));
    await page.click('.graphiql-execute-button');
    const response = await answered;
    expect(await response.request().headerValue('authorization')).toBeNull();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, what the person sees, not the DOM property.
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('Sign in to continue.');
  });

  it('checks a remembered token again on load, and tells a Korean browser in Korean', async () => {
    const page = await browser.newPage({ locale: 'ko-KR' });
    await page.goto(`${stack.gatewayUrl}/graphiql`);
    await page.evaluate(() => localStorage.setItem('econtract.accessToken', 'expired-or-forged'));
    await page.reload();
    await expect.poll(() => page.textContent('#auth-status'), { timeout: 10_000 }).toContain('토큰이 거부되었습니다: 로그인이 만료되었거나 올바르지 않습니다.');
    expect(await page.evaluate(() => localStorage.getItem('econtract.accessToken'))).toBeNull();
  });
});
