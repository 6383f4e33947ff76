// Loader hooks for a child process: every module URL resolved goes to the file named by
// TUNNELVIEW_MODULE_LOG, one per line, so a test can see what a command loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.TUNNELVIEW_MODULE_LOG) {
    appendFileSync(process.env.TUNNELVIEW_MODULE_LOG, `${resolved.url}\n`);
  }
  return resolved;
}
