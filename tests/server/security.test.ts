// The web workspace's defences, through real HTTP handling (fastify.inject) over a real
// workspace: every route declares who may use it; without a session every page leads to
// sign-in; a foreign Host is refused; a change without the session's CSRF token, or by a role
// that may not make it, is refused with the store unchanged; headers are strict; sign-in is
// throttled per account name only; the session cookie is rotated and HttpOnly.
import { describe, expect, it } from 'vitest';
import { routeTableOf } from '../../src/server/server.ts';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { logPosition } from '../helpers/workspace.ts';

/** A URL for each route, with the review's id in place of `:reviewId`. */
function urlsOf(table: ReturnType<typeof routeTableOf>, reviewId: string) {
  return table.map((r) => ({ ...r, path: r.url.replace(':reviewId', reviewId) }));
}

describe('the route table', () => {
  it('has an access rule on every route', async () => {
    const { app } = await served();
    const table = routeTableOf(app);
    expect(table.length).toBeGreaterThan(5);
    const undeclared = table
      .filter((r) => r.access === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('leaves only the sign-in page, an invite link’s own page and the static files public', async () => {
    const { app } = await served();
    const open = routeTableOf(app)
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    for (const route of open) {
      expect(route).toMatch(
        /^(GET|POST) \/sign-in$|^(GET|POST) \/join\/:reviewId\/:token$|^GET \/assets\//,
      );
    }
  });
});

describe('without a session', () => {
  it('sends every page and every change to the sign-in page', async () => {
    const { app, reviewId, store } = await served();
    const before = await logPosition(store, reviewId);
    const client = new WebClient(app);
    for (const route of urlsOf(routeTableOf(app), reviewId)) {
      if (route.access === 'public') continue;
      const response =
        route.method === 'GET' ? await client.get(route.path) : await client.post(route.path, {});
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(303);
      expect(response.headers.location, `${route.method} ${route.path}`).toMatch(/^\/sign-in/);
    }
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('the Host header', () => {
  it('refuses a name the server was not given (DNS rebinding)', async () => {
    const { app, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app, 'attacker.example:4400');
    const response = await client.get('/sign-in');
    expect(response.statusCode).toBe(421);
    expect(response.body).not.toContain('<form');
    const signIn = await client.post('/sign-in', { name: 'amara.okafor', password });
    expect(signIn.statusCode).toBe(421);
    expect(signIn.headers['set-cookie']).toBeUndefined();
  });

  it('answers to localhost with or without a port', async () => {
    const { app } = await served();
    expect((await new WebClient(app, 'localhost:4400').get('/sign-in')).statusCode).toBe(200);
    expect((await new WebClient(app, '127.0.0.1').get('/sign-in')).statusCode).toBe(200);
  });
});

describe('a change', () => {
  it('without the CSRF token, or with another session’s, is refused with 403 and nothing written', async () => {
    const { app, account, store, reviewId } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app);
    await client.signIn('amara.okafor', password);
    const other = new WebClient(app);
    await other.signIn('amara.okafor', password);
    const before = await store.listReviews();
    const position = await logPosition(store, reviewId);
    const form = { title: 'Learning review: Child B', kind: 'lcspr', subjectLabel: '' };

    const missing = await client.post('/reviews', form);
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Nothing was changed');
    const foreign = await client.post('/reviews', {
      ...form,
      _csrf: await other.csrfFor('/reviews/new'),
    });
    expect(foreign.statusCode).toBe(403);
    expect(await store.listReviews()).toEqual(before);
    expect(await logPosition(store, reviewId)).toEqual(position);

    const good = await client.post('/reviews', {
      ...form,
      _csrf: await client.csrfFor('/reviews/new'),
    });
    expect(good.statusCode).toBe(303);
    expect(await store.listReviews()).toHaveLength(before.length + 1);
  });

  it('by a role that may not make it is refused with 403, naming the role held, and nothing written', async () => {
    const { app, account, store } = await served();
    const password = await account('sam.observer', 'observer');
    const client = new WebClient(app);
    await client.signIn('sam.observer', password);
    const before = await store.listReviews();
    const page = await client.get('/reviews/new');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('observer');
    const posted = await client.post('/reviews', {
      title: 'Learning review: Child B',
      kind: 'lcspr',
      _csrf: csrfIn((await client.get('/')).body),
    });
    expect(posted.statusCode).toBe(403);
    expect(await store.listReviews()).toEqual(before);
  });

  it('records the signed-in account as the actor', async () => {
    const { app, account, ws } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app);
    await client.signIn('amara.okafor', password);
    const made = await client.post('/reviews', {
      title: 'Learning review: Child B',
      kind: 'lcspr',
      _csrf: await client.csrfFor('/reviews/new'),
    });
    const id = String(made.headers.location).split('/').pop() as string;
    expect((await ws.log(id))[0]?.actor).toBe('amara.okafor');
  });
});

describe('response headers', () => {
  it('carry a strict policy: scripts and styles from this server only, no framing, no caching of pages', async () => {
    const { app } = await served();
    const response = await new WebClient(app).get('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serve htmx from the package, not a CDN', async () => {
    const { app } = await served();
    const client = new WebClient(app);
    const page = await client.get('/sign-in');
    expect(page.body).toContain('<script src="/assets/htmx.min.js" defer></script>');
    const htmx = await client.get('/assets/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    expect(htmx.headers['content-type']).toMatch(/javascript/);
    expect(htmx.body).toContain('htmx');
  });
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and a new one on every sign-in', async () => {
    const { app, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app);
    const first = await client.signIn('amara.okafor', password);
    expect(first.statusCode).toBe(303);
    const cookie = String(
      [first.headers['set-cookie']].flat().find((c) => String(c).startsWith('tv_session=')),
    );
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = client.cookie('tv_session') as string;
    // Signing in again from the same browser (a sign-in form from another tab) replaces the session.
    const elsewhere = new WebClient(app);
    const form = await elsewhere.get('/sign-in');
    client.setCookie('tv_sign_in', elsewhere.cookie('tv_sign_in') as string);
    const again = await client.post('/sign-in', {
      _csrf: csrfIn(form.body),
      name: 'amara.okafor',
      password,
    });
    expect(again.statusCode).toBe(303);
    expect(client.cookie('tv_session')).not.toBe(token);
    expect((await client.get('/')).statusCode).toBe(200);
    const replaced = new WebClient(app);
    replaced.setCookie('tv_session', token);
    expect((await replaced.get('/')).statusCode).toBe(303);
  });

  it('ends the session on signing out', async () => {
    const { app, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app);
    await client.signIn('amara.okafor', password);
    const token = client.cookie('tv_session') as string;
    const out = await client.post('/sign-out', { _csrf: await client.csrfFor('/') });
    expect(out.statusCode).toBe(303);
    expect(client.cookie('tv_session')).toBeUndefined();
    const after = new WebClient(app);
    after.setCookie('tv_session', token);
    expect((await after.get('/')).statusCode).toBe(303);
  });

  it('refuses a wrong password and an unknown name alike, and sends only to paths on this server afterwards', async () => {
    const { app, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const client = new WebClient(app);
    const wrong = await client.signIn('amara.okafor', 'not-the-password-at-all');
    const unknown = await client.signIn('nobody.here', 'not-the-password-at-all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (body: string) =>
      /<h2 id="sign-in-problem">[\s\S]*?<p>([^<]*)<\/p>/.exec(body)?.[1];
    expect(message(wrong.body)).toBe(message(unknown.body));
    const form = await client.get('/sign-in');
    const away = await client.post('/sign-in', {
      _csrf: csrfIn(form.body),
      name: 'amara.okafor',
      password,
      next: '//attacker.example/phish',
    });
    expect(away.headers.location).toBe('/');
  });

  it('is throttled after repeated failures for that account only, even with the right password', async () => {
    const { app, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const otherPassword = await account('ben.hollis', 'review-team');
    const client = new WebClient(app);
    for (let i = 0; i < 5; i++) {
      expect((await client.signIn('amara.okafor', 'wrong-password-again')).statusCode).toBe(401);
    }
    const throttled = await client.signIn('amara.okafor', password);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.body).toMatch(/minute/);
    expect(client.cookie('tv_session')).toBeUndefined();
    // Someone else in the same room (the same address) signs in as usual.
    const colleague = new WebClient(app);
    expect((await colleague.signIn('ben.hollis', otherPassword)).statusCode).toBe(303);
  });
});

describe('an address with no page', () => {
  it('is a 404 page, signed in or not, showing nothing of the workspace', async () => {
    const { app, account, reviewId } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const anonymous = await new WebClient(app).get('/nowhere');
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.body).toContain('Page not found');
    const client = new WebClient(app);
    await client.signIn('amara.okafor', password);
    const missing = await client.get(`/reviews/${reviewId}/no-such-part`);
    expect(missing.statusCode).toBe(404);
  });
});
