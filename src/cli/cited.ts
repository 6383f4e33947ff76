/** Evidence as the command line shows it: the id, then where it came from (`CH-7 (gp.csv#12, Brackenmoor Surgery)`). */
import type { CitedEvidence } from '../app/references/cite-evidence.ts';

export function citedLabel(c: CitedEvidence): string {
  const agency = c.agencyName ?? c.agencyId;
  const source = c.kind === 'chronology' ? c.citation : c.conversationId;
  const where = [source, agency].filter(Boolean).join(', ');
  return where ? `${c.id} (${where})` : c.id;
}
