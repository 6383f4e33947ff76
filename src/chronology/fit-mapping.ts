/**
 * Checks a saved or supplied column mapping against a return's headings:
 * each named column is found by its normalised heading ("record ref" finds
 * "Record Ref."), and the ones the file lacks are listed.
 */
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import { normaliseHeading } from './heading-synonyms.ts';

export interface MissingColumn {
  /** The mapping key that names it: `date`, `text[1]`, `author`. */
  key: string;
  column: string;
}

export interface FittedMapping {
  /** The mapping with each column as the file spells it. */
  mapping: ColumnMapping;
  missing: MissingColumn[];
}

export function fitMapping(mapping: ColumnMapping, headings: readonly string[]): FittedMapping {
  const byNorm = new Map<string, string>();
  for (const h of headings)
    if (!byNorm.has(normaliseHeading(h))) byNorm.set(normaliseHeading(h), h);
  const missing: MissingColumn[] = [];
  const find = (key: string, column: string) => {
    const found = byNorm.get(normaliseHeading(column));
    if (found === undefined) missing.push({ key, column });
    return found ?? column;
  };
  // Built in the schema's key order, so a saved mapping and a re-fitted one compare equal.
  const fitted: ColumnMapping = {
    date: find('date', mapping.date),
    ...(mapping.time !== undefined ? { time: find('time', mapping.time) } : {}),
    text: mapping.text.map((c, i) => find(`text[${i}]`, c)),
    ...(mapping.author !== undefined ? { author: find('author', mapping.author) } : {}),
    ...(mapping.sourceRef !== undefined ? { sourceRef: find('sourceRef', mapping.sourceRef) } : {}),
    dayFirst: mapping.dayFirst,
    ...(mapping.dateFormat !== undefined ? { dateFormat: mapping.dateFormat } : {}),
  };
  return { mapping: fitted, missing };
}

/** The headings a mapping leaves unmapped: kept on each entry as extra columns. */
export function unmappedColumns(mapping: ColumnMapping, headings: readonly string[]): string[] {
  const mapped = new Set([
    mapping.date,
    mapping.time,
    mapping.author,
    mapping.sourceRef,
    ...mapping.text,
  ]);
  return headings.filter((h) => !mapped.has(h));
}
