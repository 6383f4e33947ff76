/**
 * A closed page: the report's document and its own assets load, nothing else. Two walls, each
 * counted: request interception aborts every request for anything but the allowed files and
 * data: URLs (the inlined fonts; they never reach the network), and the report's Content-Security-Policy
 * stops loads before they become requests — Chromium logs each refusal to the console, even with
 * scripts off, and those are counted too. What was blocked goes into the render report.
 */
import type { ConsoleMessage, HTTPRequest, Page } from 'puppeteer-core';

/** What a page tried to load and was not allowed to. */
export interface BlockedRequests {
  count: number;
  /** The first few URLs, shortened: enough to find the cause. */
  urls: string[];
}

const URLS_KEPT = 10;
const URL_SHOWN = 120;

/** Chromium's console line for a CSP refusal names the URL in quotes. */
const CSP_REFUSAL = /^(?:Refused to load|Loading) the \w+ '([^']*)'.*Content Security Policy/s;

export interface Admit {
  /** Exact URLs the page may load (its own document). */
  urls?: ReadonlySet<string>;
  /** file: URL prefixes ending in "/": the folders of its own assets. */
  dirs?: readonly string[];
}

/**
 * Admits only what `admit` names on a page whose request interception is already on, adding
 * what it refuses to `blocked` (a fresh tally unless given one to share). Returns the tally
 * and a function that detaches the listeners.
 */
export function admitOnly(
  page: Page,
  { urls = new Set(), dirs = [] }: Admit,
  blocked: BlockedRequests = { count: 0, urls: [] },
): { blocked: BlockedRequests; detach: () => void } {
  const note = (url: string) => {
    blocked.count += 1;
    if (blocked.urls.length < URLS_KEPT) {
      blocked.urls.push(url.length > URL_SHOWN ? `${url.slice(0, URL_SHOWN)}…` : url);
    }
  };
  const onRequest = (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith('data:') || urls.has(url) || dirs.some((dir) => url.startsWith(dir))) {
      request.continue().catch(() => {});
      return;
    }
    note(url);
    request.abort('blockedbyclient').catch(() => {});
  };
  const onConsole = (message: ConsoleMessage) => {
    const refused = CSP_REFUSAL.exec(message.text());
    if (refused?.[1] !== undefined) note(refused[1]);
  };
  page.on('request', onRequest);
  page.on('console', onConsole);
  return {
    blocked,
    detach: () => {
      page.off('request', onRequest);
      page.off('console', onConsole);
    },
  };
}
