import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file as a table of text: the header row and the rows under it (row 2 is the first). */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

const fileError = (message: string) =>
  new AppError('validation_failed', message, [{ field: 'body', in: 'body', message }]);

/**
 * A CSV as Excel writes it in the Netherlands (semicolons) or as the rest of the world does (commas),
 * in UTF-8 with or without its byte-order mark; anything else is refused before a row is read.
 */
function csvSheet(bytes: Buffer): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('the file is not UTF-8: save it from Excel as "CSV UTF-8"');
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw fileError(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const [headers = [], ...rows] = records;
  return { headers, rows };
}

/** A cell as the text a CSV would hold: an Excel date as its calendar date, a formula as its result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

/** The first sheet of a workbook. */
async function xlsxSheet(bytes: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError('the file is not an Excel workbook (.xlsx)');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw fileError('the workbook has no sheet');
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    lines.push(cells);
  });
  const [headers = [], ...rows] = lines;
  return { headers, rows };
}

export function readSheet(file: { type: string; bytes: Buffer }): Promise<Sheet> | Sheet {
  return file.type === XLSX_TYPE ? xlsxSheet(file.bytes) : csvSheet(file.bytes);
}
