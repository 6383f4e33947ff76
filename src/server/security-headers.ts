/**
 * Response headers for a plain-HTTP app on a laptop or a partnership's LAN. Helmet's defaults
 * assume HTTPS (HSTS, upgrade-insecure-requests) and allow inline styles; here every script
 * and style is a file this server serves, nothing may frame the pages, and no page is cached
 * (case material must not linger in a shared browser's cache).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

export function helmetOptions(tls: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: tls ? { maxAge: 15552000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  };
}
