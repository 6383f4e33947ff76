// How the command line words each kind of fix the core gives: the command to run, as it can be
// typed, or the option to give or leave out. The table is keyed by kind, so a new kind of fix
// does not compile here until it has its wording.
import { describe, expect, it } from 'vitest';
import { issueLine } from '../../src/cli/exit-codes.ts';
import { fixCommand, wordFix } from '../../src/cli/word-fix.ts';
import type { Fix, FixKind } from '../../src/domain/fix.ts';
import { issue } from '../../src/domain/issue.ts';

const WORDED: Record<FixKind, [Fix, string][]> = {
  'create-review': [
    [
      { kind: 'create-review' },
      'create one with: tunnelview review create --title "…" --kind lcspr',
    ],
    [
      { kind: 'create-review', workspace: '/cases/ws.db' },
      'create one with: tunnelview review create --workspace /cases/ws.db --title "…" --kind lcspr',
    ],
  ],
  'choose-review': [
    [{ kind: 'choose-review', reviews: ['R-1', 'R-2'] }, 'say which with --review'],
  ],
  list: [[{ kind: 'list', record: 'kpe' }, 'see what there is with: tunnelview kpe list']],
  'omit-id': [
    [{ kind: 'omit-id', next: 'KPE-3' }, 'leave out --id and tunnelview allocates KPE-3'],
  ],
  give: [
    [
      { kind: 'give', field: 'sector', example: 'health', purpose: 'add it with this import' },
      'to add it with this import, give --sector (e.g. --sector health)',
    ],
    [
      { kind: 'give', field: 'mappingPath', example: 'mapping.yaml' },
      'give --map (e.g. --map mapping.yaml)',
    ],
    [{ kind: 'give', field: 'monthFirst' }, 'give --month-first'],
  ],
  omit: [[{ kind: 'omit', field: 'sheet' }, 'leave out --sheet']],
  'raise-limit': [
    [
      { kind: 'raise-limit', limit: 'maxFileMegabytes', current: 50, needed: 312 },
      'if the file is what you meant to read, raise the limit: give --max-file-size 312',
    ],
    [
      { kind: 'raise-limit', limit: 'maxRecords', current: 200_000 },
      'if the file is what you meant to read, raise the limit: give --max-records with a number above 200,000',
    ],
    [
      { kind: 'raise-limit', limit: 'maxCellLength', current: 100_000, needed: 250_001 },
      'if the file is what you meant to read, raise the limit: give --max-cell-length 250001',
    ],
    [
      { kind: 'raise-limit', limit: 'maxCompressionRatio', current: 100, needed: 1024 },
      'if the file is what you meant to read, raise the limit: give --max-compression-ratio 1024',
    ],
  ],
  add: [
    [
      { kind: 'add', record: 'kpe' },
      'add one with: tunnelview kpe add --title "…" --from YYYY-MM-DD --what "…"',
    ],
    [
      { kind: 'add', record: 'participant', fields: { role: 'case-group' } },
      'add one with: tunnelview participant add --name "…" --role case-group',
    ],
    [{ kind: 'add', record: 'question' }, 'add one with: tunnelview review question "…?"'],
    [
      { kind: 'add', record: 'boardIssue', fields: { finding: 'F-2' } },
      'add one with: tunnelview finding question F-2 "…?"',
    ],
    [
      { kind: 'add', record: 'meeting', fields: { type: 'joint-meeting-1' } },
      'add one with: tunnelview meeting add --type joint-meeting-1 --date YYYY-MM-DD',
    ],
    [
      { kind: 'add', record: 'finding' },
      'add one with: tunnelview finding add --statement "…" --category …',
    ],
  ],
  edit: [
    [
      { kind: 'edit', record: 'kpe', id: 'KPE-3', fields: ['appraisal'] },
      'record it with: tunnelview kpe edit KPE-3 --rating <rating> --appraisal "…"',
    ],
    [
      { kind: 'edit', record: 'kpe', id: 'KPE-3', fields: ['explanation'] },
      'record it with: tunnelview kpe edit KPE-3 --explanation "…"',
    ],
    [
      { kind: 'edit', record: 'factor', id: 'CF-1', fields: ['text'] },
      'record it with: tunnelview factor edit CF-1 --text "…"',
    ],
  ],
  'link-factor': [
    [
      { kind: 'link-factor', kpe: 'KPE-4' },
      'link one with: tunnelview factor link CF-n --kpe KPE-4',
    ],
  ],
  'cite-evidence': [
    [
      { kind: 'cite-evidence', factor: 'CF-2', kpe: 'KPE-1' },
      'cite evidence with: tunnelview factor link CF-2 --kpe KPE-1 --evidence EX-n',
    ],
    [
      { kind: 'cite-evidence', evidence: 'EX-2' },
      'cite evidence with: tunnelview factor link CF-n --kpe KPE-n --evidence EX-2',
    ],
  ],
  'support-finding': [
    [
      { kind: 'support-finding', finding: 'F-1' },
      'link them with: tunnelview finding link F-1 --factor CF-n',
    ],
  ],
  'set-key-date': [
    [
      { kind: 'set-key-date', keyDate: 'notification' },
      'record it with: tunnelview review update --key-date notification=YYYY-MM-DD',
    ],
  ],
  'write-section': [
    [
      { kind: 'write-section', section: 'case-summary' },
      'write it with: tunnelview review text case-summary "…"',
    ],
  ],
  'accept-flag': [
    [
      { kind: 'accept-flag', field: 'kpes.KPE-3.appraisal.text#2', rule: 'should-have' },
      'or accept it with: tunnelview lint accept --field kpes.KPE-3.appraisal.text#2 --rule should-have --justification "…"',
    ],
  ],
  'see-flags': [[{ kind: 'see-flags' }, 'see them all with: tunnelview lint']],
  render: [
    [
      { kind: 'render', edition: 'publication' },
      'render it with: tunnelview render --edition publication',
    ],
  ],
  reopen: [
    [
      { kind: 'reopen', stages: ['analysis'] },
      'reopen it with: tunnelview reopen --to analysis --reason "…"',
    ],
    [
      { kind: 'reopen', stages: ['analysis', 'findings'] },
      'reopen it with: tunnelview reopen --to STAGE --reason "…" (stages: analysis, findings)',
    ],
  ],
  verify: [[{ kind: 'verify' }, 'check the workspace with: tunnelview verify']],
  'try-again': [
    [
      { kind: 'try-again', waitedMs: 5000 },
      'try again when the other program has finished with it (tunnelview waited 5 s; to wait longer, set TUNNELVIEW_BUSY_TIMEOUT in milliseconds, e.g. TUNNELVIEW_BUSY_TIMEOUT=30000)',
    ],
    [
      { kind: 'try-again', waitedMs: 250 },
      'try again when the other program has finished with it (tunnelview waited 250 ms; to wait longer, set TUNNELVIEW_BUSY_TIMEOUT in milliseconds, e.g. TUNNELVIEW_BUSY_TIMEOUT=30000)',
    ],
  ],
  'make-private': [
    [
      { kind: 'make-private', files: ['/cases/ws.db', '/cases/ws.db-wal'] },
      'make it yours alone with: chmod 600 /cases/ws.db /cases/ws.db-wal',
    ],
    [
      { kind: 'make-private', files: ["/cases/Child A's review.db"] },
      "make it yours alone with: chmod 600 '/cases/Child A'\\''s review.db'",
    ],
  ],
  'create-seal-key': [
    [
      { kind: 'create-seal-key' },
      'make a key pair, kept outside the workspace, with: tunnelview seal --new-key FILE; then give --key FILE, or set TUNNELVIEW_SEAL_KEY=FILE',
    ],
  ],
  'force-remove': [
    [
      { kind: 'force-remove', id: 'AG-2' },
      'to remove AG-2 and detach them in the same change, add --force: tunnelview agency remove AG-2 --reason "…" --force',
    ],
  ],
  'remove-first': [
    [
      { kind: 'remove-first', ids: ['CH-3', 'CH-4'] },
      'first remove them (e.g. tunnelview chronology remove CH-3 --reason "…") or move them with tunnelview chronology edit',
    ],
  ],
  'list-accounts': [[{ kind: 'list-accounts' }, 'see the accounts with: tunnelview account list']],
  'start-meeting': [
    [{ kind: 'start-meeting', meeting: 'M-2' }, 'start it with: tunnelview meeting start M-2'],
  ],
  'grant-role': [
    [
      { kind: 'grant-role', account: 'amara.okafor' },
      'to give it another role, use: tunnelview account grant amara.okafor --role ROLE',
    ],
  ],
  'choose-password': [
    [
      { kind: 'choose-password', minLength: 12, maxLength: 1024 },
      'choose a password of 12 to 1,024 characters, not one character repeated and with no control characters, and pipe it to --password-stdin; or leave out --password-stdin to have one generated',
    ],
  ],
  wait: [
    [{ kind: 'wait', minutes: 12 }, 'try again in 12 minutes'],
    [{ kind: 'wait', minutes: 1 }, 'try again in 1 minute'],
  ],
};

describe('wordFix', () => {
  for (const [kind, cases] of Object.entries(WORDED)) {
    it(`words a ${kind} fix`, () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const [fix, words] of cases) expect(wordFix(fix)).toBe(words);
    });
  }

  it('names the review in each review command, so it runs as printed where there are several', () => {
    expect(
      fixCommand(
        { kind: 'accept-flag', field: 'factors.CF-1.text#1', rule: 'careless' },
        { review: 'R-7K2M9Q' },
      ),
    ).toBe(
      'tunnelview lint accept --review R-7K2M9Q --field factors.CF-1.text#1 --rule careless --justification "…"',
    );
    expect(fixCommand({ kind: 'add', record: 'kpe' }, { review: 'R-7K2M9Q' })).toBe(
      'tunnelview kpe add --review R-7K2M9Q --title "…" --from YYYY-MM-DD --what "…"',
    );
    expect(fixCommand({ kind: 'give', field: 'sector' })).toBeUndefined();
  });
});

describe('issueLine', () => {
  it('puts the worded fix after the message, in place of its full stop', () => {
    const line = issueLine(
      issue('kpe-not-explained', [], 'KPE-2 has no explanation; record why it made sense.', {
        fix: { kind: 'edit', record: 'kpe', id: 'KPE-2', fields: ['explanation'] },
      }),
    );
    expect(line).toBe(
      'KPE-2 has no explanation; record why it made sense; record it with: tunnelview kpe edit KPE-2 --explanation "…"',
    );
  });
});
