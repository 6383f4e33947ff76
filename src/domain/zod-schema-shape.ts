/**
 * Reading a zod schema for what it allows at a place: the keys a mapping may
 * have and the shapes a union accepts, so an issue can say what was expected.
 */
import type { z } from 'zod';

export type Schema = z.core.$ZodType;

/** Strips wrappers (optional, default, lazy…) down to the schema that does the work. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = current._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        current = (def as z.core.$ZodOptionalDef).innerType;
        break;
      case 'lazy':
        current = (def as z.core.$ZodLazyDef).getter();
        break;
      case 'pipe':
        current = (def as z.core.$ZodPipeDef).in;
        break;
      default:
        return current;
    }
  }
  return current;
}

/** The schema that validates the value at `path`, or undefined when the path leaves it. */
export function schemaAt(root: Schema, path: readonly (string | number)[]): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = childSchema(unwrap(current), segment);
  }
  return current ? unwrap(current) : undefined;
}

function childSchema(schema: Schema, segment: string | number): Schema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return (def as z.core.$ZodObjectDef).shape[String(segment)];
    case 'array':
      return (def as z.core.$ZodArrayDef).element;
    case 'record':
      return (def as z.core.$ZodRecordDef).valueType;
    case 'union':
      for (const option of (def as z.core.$ZodUnionDef).options) {
        const child = childSchema(unwrap(option), segment);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The shapes a union accepts, or the schema alone when it is not a union. */
export function unionOptions(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  const def = schema._zod.def;
  if (def.type !== 'union') return [schema];
  return (def as z.core.$ZodUnionDef).options.map(unwrap);
}

/** The keys of an object schema; none for any other. */
export function objectKeys(schema: Schema): string[] {
  const def = schema._zod.def;
  return def.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

/** The keys a mapping at this place may have (for a union of mappings, any branch's). */
export function allowedKeys(schema: Schema | undefined): string[] {
  return [...new Set(unionOptions(schema).flatMap(objectKeys))];
}
