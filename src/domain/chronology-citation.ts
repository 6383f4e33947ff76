/**
 * A chronology entry cited as people see it: `gp-practice.csv#12`, the file
 * an agency sent and the 1-based data record in it (as the import report
 * numbers them), or `AG-2#12`, the agency and the record. The stable id
 * (`CH-7`) is what events store; the citation is what a reviewer reads.
 */
/** `file#record` for an imported entry; undefined for one added by hand. */
export function chronologyCitation(
  provenance: { file?: string | undefined; record?: number | undefined } | undefined,
): string | undefined {
  if (!provenance?.file || provenance.record === undefined) return undefined;
  return `${provenance.file}#${provenance.record}`;
}

/**
 * The source and record of a citation (`Brackenmoor Surgery # 12` →
 * `{ source: 'Brackenmoor Surgery', record: 12 }`), split at the last `#`;
 * undefined when the text is not of that shape.
 */
export function splitCitation(text: string): { source: string; record: number } | undefined {
  const m = /^\s*(.*?)\s*#\s*0*(\d+)\s*$/.exec(text);
  if (!m || (m[1] as string) === '' || Number(m[2]) === 0) return undefined;
  return { source: m[1] as string, record: Number(m[2]) };
}
