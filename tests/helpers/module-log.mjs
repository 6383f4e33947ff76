// Preloaded with `node --import`: installs the hooks in module-log-hooks.mjs.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
