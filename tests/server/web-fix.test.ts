// The web words every fix the core can give, and links it to the page that carries it out.
import { describe, expect, it } from 'vitest';
import type { Fix, FixKind } from '../../src/domain/fix.ts';
import { fieldWords, idInWords, webFix } from '../../src/server/web-fix.ts';

/** One of every kind: adding a kind to Fix without a case here fails to compile. */
const EXAMPLES: { [K in FixKind]: Extract<Fix, { kind: K }> } = {
  'create-review': { kind: 'create-review' },
  'choose-review': { kind: 'choose-review', reviews: ['R-1', 'R-2'] },
  list: { kind: 'list', record: 'kpe' },
  'omit-id': { kind: 'omit-id', next: 'KPE-4' },
  give: { kind: 'give', field: 'title', example: 'Learning review: Child A' },
  omit: { kind: 'omit', field: 'sheet' },
  'raise-limit': { kind: 'raise-limit', limit: 'maxFileMegabytes', current: 50 },
  add: { kind: 'add', record: 'participant' },
  edit: { kind: 'edit', record: 'kpe', id: 'KPE-3', fields: ['appraisal'] },
  'link-factor': { kind: 'link-factor', kpe: 'KPE-3' },
  'cite-evidence': { kind: 'cite-evidence', factor: 'CF-2', kpe: 'KPE-3' },
  'support-finding': { kind: 'support-finding', finding: 'F-1' },
  'set-key-date': { kind: 'set-key-date', keyDate: 'notification' },
  'write-section': { kind: 'write-section', section: 'case-summary' },
  'accept-flag': { kind: 'accept-flag', field: 'kpes.KPE-3.appraisal.text#2', rule: 'hindsight' },
  'see-flags': { kind: 'see-flags' },
  render: { kind: 'render', edition: 'publication' },
  reopen: { kind: 'reopen', stages: ['analysis'] },
  verify: { kind: 'verify' },
  'try-again': { kind: 'try-again', waitedMs: 5000 },
  'make-private': { kind: 'make-private', files: ['ws.db'] },
  'create-seal-key': { kind: 'create-seal-key' },
  'list-accounts': { kind: 'list-accounts' },
  'start-meeting': { kind: 'start-meeting', meeting: 'M-2' },
  'grant-role': { kind: 'grant-role', account: 'amara.okafor' },
  'choose-password': { kind: 'choose-password', minLength: 12, maxLength: 1024 },
  wait: { kind: 'wait', minutes: 15 },
  'force-remove': { kind: 'force-remove', id: 'CF-2' },
  'remove-first': { kind: 'remove-first', ids: ['EX-1'] },
};

describe('webFix', () => {
  it.each(Object.values(EXAMPLES))('words $kind without command syntax', (fix) => {
    const { text, href } = webFix(fix as Fix, 'R-7K2M9Q');
    expect(text.length).toBeGreaterThan(5);
    expect(text).not.toMatch(/tunnelview |--[a-z]/);
    if (href !== null) expect(href).toMatch(/^\/(reviews\/R-7K2M9Q|reviews\/new$|$)/);
  });

  it('links a fix about a record to that record’s page', () => {
    expect(webFix(EXAMPLES.edit, 'R-7K2M9Q').href).toBe('/reviews/R-7K2M9Q/kpes/KPE-3');
    expect(webFix(EXAMPLES['support-finding'], 'R-7K2M9Q').href).toBe(
      '/reviews/R-7K2M9Q/findings/F-1',
    );
    expect(webFix(EXAMPLES['force-remove'], 'R-7K2M9Q').href).toBe(
      '/reviews/R-7K2M9Q/factors/CF-2',
    );
    expect(webFix(EXAMPLES['set-key-date'], 'R-7K2M9Q').href).toBe('/reviews/R-7K2M9Q/settings');
  });

  it('words fields and key dates in words, not by their ids', () => {
    expect(webFix({ kind: 'give', field: 'mappingPath' }, 'R-7K2M9Q').text).toBe(
      'Give a column mapping',
    );
    expect(
      webFix({ kind: 'give', field: 'monthFirst', purpose: 'read dates month first' }, 'R-7K2M9Q')
        .text,
    ).toBe('Give the “month first” choice, to read dates month first');
    expect(webFix({ kind: 'omit', field: 'sheet' }, 'R-7K2M9Q').text).toBe('Leave out the sheet');
    // A field without words of its own is its id spelled out.
    expect(fieldWords('dateOfBirth')).toBe('date of birth');
    expect(idInWords('became-aware')).toBe('became aware');
    expect(webFix({ kind: 'give', field: 'subjectLabel' }, 'R-7K2M9Q').text).toBe(
      'Give subject label',
    );
    const keyDate: Fix = { kind: 'set-key-date', keyDate: 'became-aware' };
    const model = { keyDates: [{ id: 'became-aware', name: 'Became aware' }] };
    expect(webFix(keyDate, 'R-7K2M9Q', model).text).toBe('Record the key date “Became aware”');
    expect(webFix(keyDate, 'R-7K2M9Q').text).toBe('Record the key date “became aware”');
    expect(webFix(EXAMPLES.edit, 'R-7K2M9Q').text).toBe('Edit KPE-3: give its appraisal');
  });

  it('names a kind of record in the plural and with the right article', () => {
    expect(webFix({ kind: 'list', record: 'agency' }, 'R-7K2M9Q').text).toBe(
      'See the agencies there are',
    );
    expect(webFix({ kind: 'list', record: 'person' }, 'R-7K2M9Q').text).toBe(
      'See the people there are',
    );
    expect(webFix({ kind: 'list', record: 'boardIssue' }, 'R-7K2M9Q').text).toBe(
      'See the Issues for the Board there are',
    );
    expect(webFix({ kind: 'add', record: 'excerpt' }, 'R-7K2M9Q').text).toBe('Add an excerpt');
    expect(webFix({ kind: 'add', record: 'agency' }, 'R-7K2M9Q').text).toBe('Add an agency');
    expect(webFix({ kind: 'add', record: 'kpe' }, 'R-7K2M9Q').text).toBe('Add a KPE');
  });
});
