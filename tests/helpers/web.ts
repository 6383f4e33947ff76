// The web workspace under test: a real server on a free loopback port over a real SQLite
// workspace, accounts made through the use-case, and real Chromium pages (puppeteer-core)
// with axe-core for accessibility.
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { onTestFinished } from 'vitest';
import { addAccount } from '../../src/app/accounts.ts';
import type { Role } from '../../src/domain/roles.ts';
import { requireBrowser } from '../../src/report/pdf/find-browser.ts';
import { buildServer } from '../../src/server/server.ts';
import { type WorkspaceHandle, workspaceWithReview } from './workspace.ts';

const require = createRequire(import.meta.url);

export interface Served extends WorkspaceHandle {
  reviewId: string;
  app: FastifyInstance;
  /** http://localhost:PORT, no trailing slash. */
  base: string;
  /** Makes an account through the use-case and returns its password. */
  account(name: string, role: Role, reviewId?: string): Promise<string>;
}

/** A workspace with one review, served on a free port; closed when the test ends. */
export async function served(options: { clock?: () => Date } = {}): Promise<Served> {
  const handle = await workspaceWithReview();
  const app = await buildServer({
    workspace: handle.ws,
    host: '127.0.0.1',
    allowedHosts: [],
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(() => app.close());
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...handle,
    app,
    base: `http://localhost:${port}`,
    account: async (name, role, reviewId) => {
      const password = `${name}-correct-horse-battery`;
      await addAccount(handle.ws, { name, role, password, ...(reviewId ? { reviewId } : {}) });
      return password;
    },
  };
}

/** A headless Chromium, closed when the test ends. */
export async function browser(): Promise<Browser> {
  const launched = await puppeteer.launch({
    executablePath: requireBrowser(),
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
  });
  onTestFinished(() => launched.close());
  return launched;
}

/** A fresh browser context (its own cookies: one person), signed in as `name`. */
export async function signedInPage(
  b: Browser,
  base: string,
  name: string,
  password: string,
): Promise<Page> {
  const context = await b.createBrowserContext();
  const page = await context.newPage();
  // axe is injected into the page; the app's CSP would block it silently.
  await page.setBypassCSP(true);
  await page.goto(`${base}/sign-in`);
  await page.type('#field-name', name);
  await page.type('#field-password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's violations of WCAG 2.0–2.2 A and AA on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}

/** One line per violation and node, for a failure message a person can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} ${n.html}`),
    )
    .join('\n');
}

/** A person's browser, without the browser: cookies kept, forms posted, through fastify.inject. */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly host = 'localhost',
  ) {}

  async get(url: string, headers: Record<string, string> = {}) {
    return this.send('GET', url, undefined, headers);
  }

  /** Posts `fields` as a form; `csrf: false` leaves the token out, a string sends that one. */
  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.send('POST', url, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  /** Signs in through the form, as a person would. */
  async signIn(name: string, password: string) {
    const form = await this.get('/sign-in');
    return this.post('/sign-in', { _csrf: csrfIn(form.body), name, password, next: '/' });
  }

  /** The CSRF token of the page at `url` (the hidden `_csrf` field its forms carry). */
  async csrfFor(url: string): Promise<string> {
    return csrfIn((await this.get(url)).body);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    payload: string | undefined,
    headers: Record<string, string>,
  ) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload }),
      headers: { host: this.host, ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const c of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
}

/** The value of the first hidden `_csrf` field in a page. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no form with a CSRF token');
  return match[1];
}
