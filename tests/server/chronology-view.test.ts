// The chronology pages' view models, pure: the timeline's text filter and paging, the mapping a
// form chose, where an upload's issues land on the form.
import { describe, expect, it } from 'vitest';
import type { MergedRow, MergedView } from '../../src/chronology/perspectives.ts';
import {
  mappingOf,
  TIMELINE_PAGE_SIZE,
  timelinePage,
  type UploadForm,
  uploadProblems,
} from '../../src/server/chronology-view.ts';

function row(n: number, text: string): MergedRow {
  return {
    id: `CH-${n}`,
    agencyId: 'AG-1',
    agency: 'Fenwick Vale Police',
    date: { precision: 'day', start: '2023-05-02', original: '02/05/2023' },
    when: '02/05/2023',
    text,
    author: null,
    sourceRef: n === 7 ? 'OCC-77' : null,
    file: 'police.csv',
    record: n,
    event: null,
    accounts: [],
  };
}

const merged = (count: number): MergedView => ({
  title: 'Learning review',
  scope: '',
  agencies: [{ id: 'AG-1', name: 'Fenwick Vale Police' }],
  rows: Array.from({ length: count }, (_, i) => row(i + 1, i % 2 ? 'Welfare check' : 'Home visit')),
});

const filter = { agency: '', from: '', to: '', q: '', page: 1 };
const emptyForm: UploadForm = {
  agency: '',
  sector: '',
  sheet: '',
  table: '',
  skipInvalid: '',
  monthFirst: '',
  dateFormat: '',
  apply: '',
  reason: '',
  mapDate: '',
  mapTime: '',
  mapText1: '',
  mapText2: '',
  mapText3: '',
  mapAuthor: '',
  mapSourceRef: '',
};

describe('timelinePage', () => {
  it('pages a long chronology, keeping the filter in the links', () => {
    const count = TIMELINE_PAGE_SIZE * 2 + 5;
    const first = timelinePage('R-1', merged(count), [], { ...filter, q: 'visit' });
    expect(first.total).toBe(TIMELINE_PAGE_SIZE + 3);
    expect(first.entries).toHaveLength(TIMELINE_PAGE_SIZE);
    expect(first.paging?.next).toBe('/reviews/R-1/chronology?q=visit&page=2');
    expect(first.paging?.previous).toBeNull();
    const second = timelinePage('R-1', merged(count), [], { ...filter, q: 'visit', page: 9 });
    expect(second.paging?.page).toBe(2);
    expect(second.entries).toHaveLength(3);
    expect(second.first).toBe(TIMELINE_PAGE_SIZE + 1);
  });

  it('finds text in the entry, its author or its reference, in any case', () => {
    const page = timelinePage('R-1', merged(10), [], { ...filter, q: 'occ-77' });
    expect(page.entries.map((e) => e.id)).toEqual(['CH-7']);
    expect(page.entries[0]?.source).toBe('police.csv#7');
    expect(page.entries[0]?.href).toBe('/reviews/R-1/chronology/CH-7');
    expect(page.paging).toBeNull();
  });
});

describe('mappingOf', () => {
  it('is undefined when no column was chosen, so the headings decide', () => {
    expect(mappingOf(emptyForm)).toBeUndefined();
  });

  it('joins the text columns in order and reads the month-first box', () => {
    expect(
      mappingOf({
        ...emptyForm,
        mapDate: 'Occurred',
        mapText1: 'Type',
        mapText3: 'Narrative',
        mapAuthor: 'Officer',
        monthFirst: 'on',
      }),
    ).toEqual({
      date: 'Occurred',
      text: ['Type', 'Narrative'],
      author: 'Officer',
      dayFirst: false,
    });
  });
});

describe('uploadProblems', () => {
  it('puts a cell’s or the file’s issue on the file field, and words a fix for the web', () => {
    const problems = uploadProblems(
      [
        { code: 'invalid-field', path: ['agency'], message: 'There is no such agency' },
        {
          code: 'file-too-large',
          path: ['police.csv'],
          message: 'police.csv: the file is 60 MB, over the limit of 50 MB',
          fix: { kind: 'raise-limit', limit: 'maxFileMegabytes', current: 50, needed: 60 },
        },
        { code: 'invalid-field', path: ['removalReason'], message: 'The reason is too long' },
      ],
      'R-TEST01',
    );
    expect(problems.summary.map((s) => s.href)).toEqual([
      '#field-agency',
      '#field-file',
      '#field-reason',
    ]);
    expect(problems.byField.file).toContain('over the limit of 50 MB');
    expect(problems.summary[1]?.fix?.text).toContain('ask whoever runs it');
  });
});
