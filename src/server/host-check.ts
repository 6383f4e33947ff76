/**
 * Which `Host` headers this server answers: the loopback names when it listens on loopback,
 * plus every `--allowed-host`. A page fetched under any other name (DNS rebinding: an
 * attacker's domain pointed at 127.0.0.1) is refused before it reaches a route.
 */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The host names allowed in the `Host` header, lower-cased, without ports. */
export function allowedHostNames(listenHost: string, allowedHosts: readonly string[]): Set<string> {
  const names = new Set(allowedHosts.map((h) => h.toLowerCase()));
  if (isLoopback(listenHost)) for (const n of LOOPBACK_NAMES) names.add(n);
  return names;
}

/** The name in a `Host` header ("localhost:4400" → "localhost", "[::1]:4400" → "[::1]"). */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(header.trim().toLowerCase());
  return match?.[1];
}
