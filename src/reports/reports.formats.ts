import ExcelJS from 'exceljs';
import type { ReplyFormat } from '../http/api.js';
import type { DemandReport, HoursReport, ParticipantsReport, QualityReport } from './reports.schema.js';
import { OUTFLOW_KINDS } from '../domain.js';
import { WHY_UNMET } from './reports.types.js';

export type Cell = string | number | boolean | null | undefined;

/** A report as a table: the columns its rows have for this `by`, the rows, and the total line. */
export interface Table {
  name: string;
  columns: string[];
  rows: Cell[][];
  /** The total line, for the reports that have one. */
  total?: Cell[];
}

function hoursTable(report: HoursReport): Table {
  const named = report.by === 'helper';
  return {
    name: `hours-by-${report.by}-${report.from}-${report.to}`,
    columns: [
      'key',
      ...(named ? ['name'] : []),
      'hours',
      'jobs',
      'suppressed',
      ...(named ? ['practiceHours', 'requiredHours'] : []),
    ],
    rows: report.rows.map((r) => [
      r.key,
      ...(named ? [r.name] : []),
      r.hours,
      r.jobs,
      r.suppressed,
      ...(named ? [r.practiceHours, r.requiredHours] : []),
    ]),
    total: [
      'total',
      ...(named ? [''] : []),
      report.total.hours,
      report.total.jobs,
      report.total.suppressed,
      ...(named ? ['', ''] : []),
    ],
  };
}

const DEMAND_NUMBERS = ['requests', 'served', 'unmet', 'cancelled', 'pending'] as const;

/** The unmet requests per reason, as columns `whyUnmet.skills` … beside the row's numbers. */
const whyUnmetCells = (why: DemandReport['total']['whyUnmet']): Cell[] => WHY_UNMET.map((r) => why?.[r] ?? null);

function demandTable(report: DemandReport): Table {
  const places = report.by === 'neighbourhood';
  const wijk = report.by === 'wijk';
  return {
    name: `demand-by-${report.by}-${report.from}-${report.to}`,
    columns: [
      'key',
      ...(places ? ['wijk', 'buurt'] : []),
      ...(wijk ? ['wijk'] : []),
      ...DEMAND_NUMBERS,
      'suppressed',
      ...WHY_UNMET.map((r) => `whyUnmet.${r}`),
    ],
    rows: report.rows.map((r) => [
      r.key,
      ...(places ? [r.wijk, r.buurt] : []),
      ...(wijk ? [r.wijk] : []),
      ...DEMAND_NUMBERS.map((f) => r[f]),
      r.suppressed,
      ...whyUnmetCells(r.whyUnmet),
    ]),
    total: [
      'total',
      ...(places ? ['', ''] : []),
      ...(wijk ? [''] : []),
      ...DEMAND_NUMBERS.map((f) => report.total[f]),
      report.total.suppressed,
      ...whyUnmetCells(report.total.whyUnmet),
    ],
  };
}

const PARTICIPANT_COUNTS = ['enrolled', 'new', 'ended', 'working', 'hours'] as const;

function participantsTable(report: ParticipantsReport): Table {
  const outflow = (counts: ParticipantsReport['total']['outflow']) => OUTFLOW_KINDS.map((k) => counts[k]);
  return {
    name: `participants-by-${report.by}-${report.from}-${report.to}`,
    columns: ['key', ...PARTICIPANT_COUNTS, ...OUTFLOW_KINDS.map((k) => `outflow.${k}`)],
    rows: report.rows.map((r) => [r.key, ...PARTICIPANT_COUNTS.map((f) => r[f]), ...outflow(r.outflow)]),
    total: ['total', ...PARTICIPANT_COUNTS.map((f) => report.total[f]), ...outflow(report.total.outflow)],
  };
}

function qualityTable(report: QualityReport): Table {
  return {
    name: `quality-${report.from}-${report.to}`,
    columns: ['key', 'value', 'count', 'suppressed'],
    rows: report.rows.map((r) => [r.key, r.value, r.count, r.suppressed]),
  };
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted. A text that a spreadsheet would run as a
 * formula (a helper named "=HYPERLINK(…)") gets a leading apostrophe.
 */
function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header and one line per row; the total stays out, so every line is one key (sum them yourself). */
function csv(table: Table): string {
  return [table.columns, ...table.rows].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One sheet: the header, the rows, and the total line (if any) in bold under them. */
async function xlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.name.split('-').slice(0, 3).join(' '));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null));
  if (table.total) sheet.addRow(table.total.map((v) => v ?? null)).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function formatsOf<R>(table: (report: R) => Table): Record<'csv' | 'xlsx', ReplyFormat> {
  return {
    csv: {
      type: 'text/csv',
      schema: { type: 'string' },
      render: (report) => {
        const t = table(report as R);
        return { body: csv(t), filename: `${t.name}.csv` };
      },
    },
    xlsx: {
      type: XLSX_TYPE,
      schema: { type: 'string', format: 'binary' },
      render: async (report) => {
        const t = table(report as R);
        return { body: await xlsx(t), filename: `${t.name}.xlsx` };
      },
    },
  };
}

export const HOURS_FORMATS = formatsOf(hoursTable);
export const DEMAND_FORMATS = formatsOf(demandTable);
export const PARTICIPANTS_FORMATS = formatsOf(participantsTable);
export const QUALITY_FORMATS = formatsOf(qualityTable);
