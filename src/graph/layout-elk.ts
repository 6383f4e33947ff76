/**
 * The one place elkjs is imported. Its bundled build is CommonJS whose
 * `.d.ts` says `export default`, which NodeNext types as the module
 * namespace (not constructable); unwrap the default once here.
 */
import * as elkModule from 'elkjs/lib/elk.bundled.js';

export type {
  ELK,
  ElkExtendedEdge,
  ElkNode,
  LayoutOptions,
} from 'elkjs/lib/elk-api.js';

import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';

type ElkConstructor = new (args?: ELKConstructorArguments) => ELK;

const interopDefault = <T>(m: { default: T } | T): T => (m as { default?: T }).default ?? (m as T);

const ElkClass = interopDefault(
  elkModule as unknown as { default: ElkConstructor } | ElkConstructor,
);

let shared: ELK | undefined;

/**
 * The process's ELK instance, made on first use. ELK's first layout pays a
 * one-off start-up of about half a second; later layouts reuse it.
 */
export function elk(): ELK {
  shared ??= new ElkClass();
  return shared;
}
