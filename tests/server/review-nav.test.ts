// The review's navigation marks the part the page belongs to, and only that one: the settings
// page is its own part, not the dashboard.
import { describe, expect, it } from 'vitest';
import { served, WebClient } from '../helpers/web.ts';

function currentParts(html: string): string[] {
  const nav = /<nav class="review-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a href="([^"]*)" aria-current="page">([^<]*)<\/a>/g)].map(
    (m) => `${m[2]} ${m[1]}`,
  );
}

describe('the review navigation', () => {
  it('marks Settings on the settings page and Dashboard on the dashboard', async () => {
    const s = await served();
    const password = await s.account('priya.shah', 'observer');
    const client = new WebClient(s.app);
    await client.signIn('priya.shah', password);
    const base = `/reviews/${s.reviewId}`;
    const settings = await client.get(`${base}/settings`);
    expect(settings.statusCode).toBe(200);
    expect(currentParts(settings.body)).toEqual([`Settings ${base}/settings`]);
    const dashboard = await client.get(base);
    expect(currentParts(dashboard.body)).toEqual([`Dashboard ${base}`]);
    expect(dashboard.body).toContain(`<a href="${base}/settings">Review settings</a>`);
  });
});
