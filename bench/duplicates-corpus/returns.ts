/**
 * Each agency's return as its own system exports it: when it writes the time
 * down (at the event, when the note is written up, or the next working
 * morning), to what precision (minute, hour, day), under which headings, in
 * which date format, delimiter, line ending and encoding — or as a workbook.
 * Also the pseudonym register as a reviewer would prepare it.
 */

import { MONTHS as MONTH_NAMES } from '../../src/domain/primitives.ts';
import type { Random } from './random.ts';
import type { TrueEvent } from './timeline.ts';
import { authorOf, type Voice, writeAccount } from './voices.ts';
import { type AgencyKey, agencyOf, dayToDate, involved, isWeekend, type World } from './world.ts';

export type Precision = 'minute' | 'hour' | 'day';
export type Lag = 'none' | 'writeup' | 'nextday';

export interface RecordingStyle {
  precision: Precision;
  /** For contacts that are written up afterwards (visits, meetings): when the recorded time is. */
  lag: Lag;
}

export interface Account {
  eventId: string;
  agency: AgencyKey;
  /** The recorded moment: day from case start and minute, or no minute for day precision. */
  day: number;
  minute: number | null;
  text: string;
  author: string;
  ref: string;
}

export interface ReturnFile {
  agency: AgencyKey;
  name: string;
  sector: string;
  file: string;
  bytes: Uint8Array;
  /** For the eval's notes: the format choices made. */
  format: string;
  /** Accounts in record order (record 1 first). */
  accounts: Account[];
}

const WRITTEN_UP = new Set<TrueEvent['kind']>([
  'hv-visit',
  'sw-visit',
  'sw-school-visit',
  'joint-visit',
  's47-visit',
  'strategy',
  'meeting',
  'housing-visit',
  'school-concern',
  'school-meeting',
  'cp-medical',
  'liaison-meeting',
  'welfare-check',
]);

function styleFor(r: Random, k: AgencyKey): RecordingStyle {
  switch (k) {
    case 'police':
    case 'hospital':
      return { precision: 'minute', lag: r.pick(['none', 'none', 'writeup']) };
    case 'gp':
      return { precision: r.pick(['minute', 'minute', 'hour']), lag: 'none' };
    case 'hv':
      return {
        precision: r.pick(['minute', 'hour', 'day']),
        lag: r.pick(['none', 'writeup', 'nextday']),
      };
    case 'csc':
      return {
        precision: r.pick(['minute', 'minute', 'day']),
        lag: r.pick(['writeup', 'nextday', 'nextday']),
      };
    case 'school':
      return { precision: r.pick(['day', 'day', 'minute']), lag: r.pick(['none', 'writeup']) };
    case 'housing':
      return { precision: r.pick(['day', 'minute']), lag: r.pick(['none', 'writeup', 'nextday']) };
  }
}

function recordedAt(r: Random, world: World, k: AgencyKey, style: RecordingStyle, e: TrueEvent) {
  let t = e.day * 1440 + e.minute;
  const isLetter =
    e.kind === 'discharge-letter' || e.kind === 'housing-letter' || e.kind === 'gp-report';
  const isComm = e.from !== undefined;
  if (k === 'police' && e.kind === 'da-incident') t += r.int(0, 12);
  else if (isComm) {
    // The receiving side logs a call or form when it gets to it.
    t += e.to === k ? r.int(0, e.kind === 'ppn' ? 0 : 90) : r.int(0, 30);
    if (e.kind === 'ppn' && k === 'csc') {
      // Logged the next office morning when the notification came in overnight.
      const minute = t % 1440;
      let day = Math.floor(t / 1440);
      if (minute > 17 * 60 || minute < 8 * 60 + 30 || isWeekend(world.start, day)) {
        if (minute > 17 * 60) day++;
        while (isWeekend(world.start, day)) day++;
        t = day * 1440 + r.int(8 * 60 + 30, 11 * 60 + 30);
      } else t += r.int(20, 180);
    }
  } else if (WRITTEN_UP.has(e.kind)) {
    if (style.lag === 'writeup') t += r.int(45, 420);
    else if (style.lag === 'nextday' && r.chance(0.6)) {
      let day = e.day + 1;
      while (isWeekend(world.start, day)) day++;
      t = day * 1440 + r.int(8 * 60 + 15, 11 * 60);
    } else t += r.int(0, 30);
  }
  const day = Math.floor(t / 1440);
  let minute: number | null = t % 1440;
  const precision: Precision = isLetter ? 'day' : style.precision;
  if (precision === 'day') minute = null;
  else if (precision === 'hour') minute -= minute % 60;
  return { day, minute };
}

// The month names the product already knows; the short forms are their first three letters.
const MONTHS_LONG = MONTH_NAMES;
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));
const pad = (n: number) => String(n).padStart(2, '0');

interface DateFormat {
  name: string;
  date: (d: Date) => string;
  /** Date with time in one cell. */
  dateTime: (d: Date, minute: number) => string;
}

const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const twelve = (m: number) => {
  const h = Math.floor(m / 60);
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(m % 60)}${h < 12 ? 'am' : 'pm'}`;
};
const dmy = (d: Date, sep: string, yy = false) =>
  `${pad(d.getUTCDate())}${sep}${pad(d.getUTCMonth() + 1)}${sep}${yy ? pad(d.getUTCFullYear() % 100) : d.getUTCFullYear()}`;
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const DATE_FORMATS: DateFormat[] = [
  {
    name: 'dd/mm/yyyy HH:MM',
    date: (d) => dmy(d, '/'),
    dateTime: (d, m) => `${dmy(d, '/')} ${hhmm(m)}`,
  },
  { name: 'yyyy-mm-dd HH:MM', date: iso, dateTime: (d, m) => `${iso(d)} ${hhmm(m)}` },
  { name: 'ISO with T and seconds', date: iso, dateTime: (d, m) => `${iso(d)}T${hhmm(m)}:00` },
  {
    name: 'dd-Mon-yyyy HH:MM',
    date: (d) => `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`,
    dateTime: (d, m) =>
      `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hhmm(m)}`,
  },
  {
    name: 'd Month yyyy at h:mmpm',
    date: (d) => `${d.getUTCDate()} ${MONTHS_LONG[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
    dateTime: (d, m) =>
      `${d.getUTCDate()} ${MONTHS_LONG[d.getUTCMonth()]} ${d.getUTCFullYear()} ${twelve(m)}`,
  },
  {
    name: 'dd.mm.yyyy HH:MM',
    date: (d) => dmy(d, '.'),
    dateTime: (d, m) => `${dmy(d, '.')} ${hhmm(m)}`,
  },
  {
    name: 'dd/mm/yy HH:MM',
    date: (d) => dmy(d, '/', true),
    dateTime: (d, m) => `${dmy(d, '/', true)} ${hhmm(m)}`,
  },
  {
    name: 'Mon d, yyyy HH:MM',
    date: (d) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
    dateTime: (d, m) =>
      `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hhmm(m)}`,
  },
];

interface Layout {
  date: string;
  /** A separate time column, when the system exports one. */
  time?: string;
  text: string[];
  author?: string;
  ref?: string;
  /** Columns the review does not need, with how to fill them. */
  extra?: [string, (a: Account) => string][];
}

/** Heading layouts each agency's systems use: several per agency, one picked per case. */
const LAYOUTS: Record<AgencyKey, Layout[]> = {
  police: [
    { date: 'Occurrence Date/Time', ref: 'Occurrence Ref', text: ['Details'], author: 'Officer' },
    { date: 'Date', time: 'Time', ref: 'URN', text: ['Summary'], author: 'Officer Role' },
    {
      date: 'Incident Date',
      ref: 'Log Number',
      text: ['Narrative'],
      author: 'Recorded By',
      extra: [['Force Area', () => 'North']],
    },
  ],
  hv: [
    {
      date: 'Contact Date',
      time: 'Contact Time',
      text: ['Contact Type', 'Notes'],
      author: 'Practitioner',
    },
    { date: 'Date', text: ['Entry'], author: 'Author', ref: 'Record ID' },
    {
      date: 'Date of Contact',
      text: ['Details'],
      author: 'Staff Role',
      extra: [['Date Recorded', () => '']],
    },
  ],
  gp: [
    {
      date: 'Consultation Date',
      time: 'Consultation Time',
      text: ['Details'],
      author: 'Clinician',
      ref: 'Record Ref',
    },
    { date: 'Date', text: ['Summary', 'Notes'], author: 'Clinician' },
    { date: 'Date and Time', text: ['Entry'], author: 'User' },
  ],
  hospital: [
    {
      date: 'Arrival Date',
      time: 'Arrival Time',
      text: ['Presenting Complaint', 'Outcome'],
      author: 'Clinician',
    },
    { date: 'Date/Time', text: ['Details'], author: 'Author Designation', ref: 'Episode ID' },
    { date: 'Event Date', text: ['Case Note'], author: 'Staff', ref: 'Ref' },
  ],
  school: [
    { date: 'Date', text: ['Concern', 'Action Taken'], author: 'Staff Member' },
    { date: 'Date of Incident', text: ['Details'], author: 'Recorded By' },
    { date: 'Date', time: 'Time', text: ['Summary'], author: 'Member of Staff', ref: 'CPOMS ID' },
  ],
  csc: [
    { date: 'Event Date', text: ['Case Note'], author: 'Worker', ref: 'Case Note ID' },
    { date: 'Date', time: 'Time', text: ['Type', 'Narrative'], author: 'Worker Role' },
    {
      date: 'Contact Date',
      text: ['Summary', 'Details'],
      author: 'Created By',
      ref: 'Record No',
      extra: [['Date Entered', () => '']],
    },
  ],
  housing: [
    { date: 'Date', text: ['Notes'], author: 'Officer', ref: 'Ref' },
    { date: 'Contact Date', text: ['Details'], author: 'Officer Role' },
  ],
};

/** A narrative column's cell for an account: multi-column layouts split the text at its first sentence. */
function textCells(layout: Layout, a: Account, kindLabel: string): string[] {
  if (layout.text.length === 1) return [a.text];
  const first = layout.text[0] ?? '';
  if (/type/i.test(first)) return [kindLabel, a.text];
  const cut = a.text.indexOf('. ');
  if (cut < 0) return [a.text, ''];
  return [a.text.slice(0, cut + 1), a.text.slice(cut + 2)];
}

const KIND_LABELS: Partial<Record<TrueEvent['kind'], string>> = {
  'hv-visit': 'Home visit',
  'hv-clinic': 'Clinic',
  'joint-visit': 'Home visit',
  'sw-visit': 'Home visit',
  's47-visit': 'Home visit',
  'sw-school-visit': 'Visit',
  'info-call': 'Telephone',
  referral: 'Contact',
  'referral-ack': 'Email',
  ppn: 'Contact',
  'mash-decision': 'Decision',
  strategy: 'Strategy discussion',
  meeting: 'Meeting',
  'ed-liaison': 'Notification',
  'liaison-meeting': 'Meeting',
  'welfare-request': 'Telephone',
};

type Encoding = 'utf-8' | 'utf-8 with BOM' | 'windows-1252' | 'utf-16le with BOM';

const CP1252: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8 with BOM') return new TextEncoder().encode(`\uFEFF${text}`);
  if (encoding === 'utf-16le with BOM') {
    const out = new Uint8Array(2 + text.length * 2);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + i * 2] = c & 0xff;
      out[3 + i * 2] = c >> 8;
    }
    return out;
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0x3f;
    out.push(c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (CP1252[c] ?? 0x3f));
  }
  return Uint8Array.from(out);
}

function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

export interface CaseReturns {
  returns: ReturnFile[];
  register: { file: string; bytes: Uint8Array };
}

/** Every involved agency's account of each event it took part in, as its return file. */
export async function writeReturns(
  world: World,
  events: readonly TrueEvent[],
  r: Random,
): Promise<CaseReturns> {
  const returns: ReturnFile[] = [];
  for (const k of involved(world)) {
    const ar = r.fork(`return-${k}`);
    const agency = agencyOf(world, k);
    const style = styleFor(ar, k);
    const voice: Voice = {
      r: ar,
      world,
      me: k,
      curly: ar.chance(0.3),
      capsSurnames: k === 'police' ? ar.chance(0.7) : ar.chance(0.1),
    };
    const prefix = {
      police: 'OCC',
      hv: 'HV',
      gp: 'EMIS',
      hospital: 'ED',
      school: 'CP',
      csc: 'CN',
      housing: 'HSG',
    }[k];
    let n = ar.int(1000, 90000);
    const accounts: Account[] = [];
    for (const e of events) {
      if (!e.recordedBy.includes(k)) continue;
      const at = recordedAt(ar, world, k, style, e);
      n += ar.int(1, 40);
      accounts.push({
        eventId: e.id,
        agency: k,
        ...at,
        text: writeAccount(voice, e),
        author: authorOf(voice, e),
        ref: `${prefix}-${n}`,
      });
    }
    if (accounts.length === 0) continue;
    // Returns are sorted by recorded time; some systems export newest first.
    accounts.sort((a, b) => a.day - b.day || (a.minute ?? 0) - (b.minute ?? 0));
    if (ar.chance(0.2)) accounts.reverse();
    const layout = ar.pick(LAYOUTS[k]);
    const dateFormat = ar.pick(DATE_FORMATS);
    const xlsx = (k === 'hospital' || k === 'csc' || k === 'police') && ar.chance(0.3);
    const slug = agency.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const headings = [
      layout.date,
      ...(layout.time ? [layout.time] : []),
      ...layout.text,
      ...(layout.author ? [layout.author] : []),
      ...(layout.ref ? [layout.ref] : []),
      ...(layout.extra ?? []).map(([h]) => h),
    ];
    const rows = accounts.map((a) => {
      const date = dayToDate(world.start, a.day);
      const kindLabel =
        KIND_LABELS[events.find((e) => e.id === a.eventId)?.kind ?? 'hv-visit'] ?? 'Contact';
      const dateCell =
        layout.time || a.minute === null
          ? dateFormat.date(date)
          : dateFormat.dateTime(date, a.minute);
      return [
        dateCell,
        ...(layout.time ? [a.minute === null ? '' : hhmm(a.minute)] : []),
        ...textCells(layout, a, kindLabel),
        ...(layout.author ? [a.author] : []),
        ...(layout.ref ? [a.ref] : []),
        ...(layout.extra ?? []).map(([, fill]) => fill(a)),
      ];
    });
    if (xlsx) {
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      // Fixed document dates, so the same seed gives the same workbook.
      book.created = new Date(Date.UTC(2026, 0, 1));
      book.modified = book.created;
      const sheet = book.addWorksheet(ar.pick(['Chronology', 'Sheet1', 'Export']));
      sheet.addRow(headings);
      for (const row of rows) sheet.addRow(row);
      const bytes = new Uint8Array(await book.xlsx.writeBuffer());
      returns.push({
        agency: k,
        name: agency.name,
        sector: agency.sector,
        file: `${slug}.xlsx`,
        bytes,
        format: `xlsx; ${dateFormat.name}`,
        accounts,
      });
      continue;
    }
    const delimiter = ar.pick([',', ',', ';', '\t', '|']);
    const newline = ar.pick(['\r\n', '\n']);
    const encoding: Encoding = ar.pick([
      'utf-8',
      'utf-8 with BOM',
      'utf-8 with BOM',
      'windows-1252',
      'utf-16le with BOM',
    ]);
    const body =
      [headings, ...rows]
        .map((row) => row.map((c) => csvCell(c, delimiter)).join(delimiter))
        .join(newline) + newline;
    returns.push({
      agency: k,
      name: agency.name,
      sector: agency.sector,
      file: `${slug}.csv`,
      bytes: encode(body, encoding),
      format: `csv; ${JSON.stringify(delimiter)}; ${encoding}; ${dateFormat.name}${layout.time ? ' + time column' : ''}`,
      accounts,
    });
  }
  return { returns, register: writeRegister(world) };
}

function writeRegister(world: World) {
  const people = [
    world.child,
    world.sibling,
    world.mother,
    world.partner,
    world.grandmother,
  ].filter((p) => p !== undefined);
  const address = `${world.address.house} ${world.address.street}, ${world.town} ${world.address.postcode}`;
  const lines = [
    'Real name,Aliases,Date of birth,Address,Role in case,Publication label',
    ...people.map((p) =>
      [
        `${p.first} ${p.last}`,
        p.aliases.join('|'),
        p.dob,
        p.role === 'grandmother' ? '' : address,
        p.roleInCase,
        p.label,
      ]
        .map((c) => csvCell(c, ','))
        .join(','),
    ),
  ];
  return { file: 'register.csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) };
}
