/** What the reports page knows of each report: its groupings, its number columns, what it charts. */
import { OUTFLOW_KINDS } from '../../../../domain.js';
import { DEMAND_BY, HOURS_BY, PARTICIPANTS_BY } from '../../../../reports/reports.types.js';

export type ReportKind = 'hours' | 'demand' | 'participants' | 'quality';

/** A row of any report, as the page reads it: the key, the names beside it, the numbers. */
export interface ReportLine {
  key: string;
  name?: string;
  wijk?: string | null;
  buurt?: string | null;
  suppressed?: boolean;
  [number: string]: unknown;
}

export interface ReportReply {
  from: string;
  to: string;
  by?: string;
  rows: ReportLine[];
  total?: Record<string, unknown>;
  threshold?: number;
}

interface ReportPage {
  by: readonly string[];
  columns: readonly string[];
  /** Columns that only some groupings have, after the others. */
  extraColumns?: Readonly<Record<string, readonly string[]>>;
  /** The columns drawn as bars (stacked: parts of one whole). */
  charted: readonly string[];
  stacked: boolean;
  colors: Readonly<Record<string, string>>;
}

const BLUE = '#1f5fa8';

export const REPORTS: Record<ReportKind, ReportPage> = {
  hours: {
    by: HOURS_BY,
    columns: ['hours', 'jobs'],
    // A participant's practice hours so far against what their learning plan requires.
    extraColumns: { helper: ['practiceHours', 'requiredHours'] },
    charted: ['hours'],
    stacked: false,
    colors: { hours: BLUE },
  },
  demand: {
    by: DEMAND_BY,
    columns: ['requests', 'served', 'unmet', 'cancelled', 'pending'],
    charted: ['served', 'unmet', 'cancelled', 'pending'],
    stacked: true,
    colors: { served: '#2e7d32', unmet: '#c62828', cancelled: '#9e9e9e', pending: '#f9a825' },
  },
  participants: {
    by: PARTICIPANTS_BY,
    columns: ['enrolled', 'new', 'ended', 'working', 'hours', ...OUTFLOW_KINDS.map((k) => `outflow.${k}`)],
    charted: ['enrolled', 'new', 'ended', 'working'],
    stacked: false,
    colors: { enrolled: BLUE, new: '#2e7d32', ended: '#9e9e9e', working: '#f9a825' },
  },
  // A handful of measures in different units: a table reads better than bars.
  quality: { by: [], columns: ['value', 'count'], charted: [], stacked: false, colors: {} },
};

/** A column's number in a row: `outflow.education` is the `education` count of the row's `outflow`. */
export function cellOf(row: Record<string, unknown>, column: string): number | null {
  const [field, part] = column.split('.');
  const value = part === undefined ? row[field!] : (row[field!] as Record<string, unknown> | undefined)?.[part];
  return value as number | null;
}
