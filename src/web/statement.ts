import PDFDocument from 'pdfkit';
import type { HoursStatement } from '../learning/statement.service.js';
import { type Lang, translate } from './i18n.js';
import { escapeHtml } from './pages.js';
import { localDay } from '../matching/calendar.js';

/** What a statement's rows say: the date, the work in the page's words, the hours. */
function rowsOf(statement: HoursStatement, labels: ReadonlyMap<string, string>) {
  return statement.jobs.map((job) => ({
    date: job.date,
    work: job.skills.map((code) => labels.get(code) ?? code).join(', '),
    hours: job.hours.toLocaleString('nl-NL'),
  }));
}

function periodOf(lang: Lang, s: HoursStatement): string {
  if (!s.from && !s.to) return translate(lang, 'statement.allTime');
  return `${s.from ?? '…'} – ${s.to ?? '…'}`;
}

/**
 * The coach's sign-off with the totals it froze (they stand even if an hour is corrected later), or a
 * line to sign on paper.
 */
function signatureOf(lang: Lang, s: HoursStatement): string {
  if (!s.signOff) return `${translate(lang, 'statement.signature')}: ________________________`;
  const { signedBy, signedAt, totalHours, jobs } = s.signOff;
  return translate(lang, 'statement.signedOff', {
    coach: signedBy.name ?? '—',
    date: localDay(Date.parse(signedAt), 'Europe/Amsterdam').date,
    hours: totalHours.toLocaleString('nl-NL'),
    jobs,
  });
}

/** The statement as a page to print: no script, the same numbers as the PDF. */
export function statementPage(
  lang: Lang,
  statement: HoursStatement,
  labels: ReadonlyMap<string, string>,
  pdfHref: string,
): string {
  const t = (key: Parameters<typeof translate>[1]) => escapeHtml(translate(lang, key));
  const rows = rowsOf(statement, labels)
    .map((r) => `<tr><td>${r.date}</td><td>${escapeHtml(r.work)}</td><td class="num">${r.hours}</td></tr>`)
    .join('');
  const facts: Array<[string, string]> = [
    [t('statement.participant'), escapeHtml(statement.name)],
    [t('statement.track'), t(`track.${statement.track}`)],
    [t('statement.period'), escapeHtml(periodOf(lang, statement))],
    [t('statement.coach'), escapeHtml(statement.coach ?? '—')],
  ];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('statement.title')} · wijkmatch</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<main class="statement">
<h1>${t('statement.title')}</h1>
<dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${
  rows
    ? `<table class="report"><thead><tr><th>${t('statement.date')}</th><th>${t('statement.work')}</th><th class="num">${t('statement.hours')}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="2">${t('statement.total')}</td><td class="num">${statement.total.toLocaleString('nl-NL')}</td></tr>${
        statement.requiredHours === null
          ? ''
          : `<tr><td colspan="2">${t('statement.required')}</td><td class="num">${statement.requiredHours.toLocaleString('nl-NL')}</td></tr>`
      }</tfoot></table>`
    : `<p>${t('statement.none')}</p>`
}
<p class="signature">${escapeHtml(signatureOf(lang, statement))}</p>
<p class="no-print"><a href="${escapeHtml(pdfHref)}">${t('statement.pdf')}</a></p>
</main>
</body>
</html>`;
}

/** The same statement as a PDF (pdfkit), for the school's records. */
export function statementPdf(
  lang: Lang,
  statement: HoursStatement,
  labels: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('statement.title') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text(t('statement.title'));
  doc.moveDown();
  doc.fontSize(11);
  doc.text(`${t('statement.participant')}: ${statement.name}`);
  doc.text(`${t('statement.track')}: ${t(`track.${statement.track}`)}`);
  doc.text(`${t('statement.period')}: ${periodOf(lang, statement)}`);
  doc.text(`${t('statement.coach')}: ${statement.coach ?? '—'}`);
  doc.moveDown();
  const rows = rowsOf(statement, labels);
  if (rows.length === 0) doc.text(t('statement.none'));
  for (const r of rows) doc.text(`${r.date}   ${r.work}   ${r.hours} ${t('statement.hours').toLowerCase()}`);
  doc.moveDown();
  doc.text(`${t('statement.total')}: ${statement.total.toLocaleString('nl-NL')}`);
  if (statement.requiredHours !== null)
    doc.text(`${t('statement.required')}: ${statement.requiredHours.toLocaleString('nl-NL')}`);
  doc.moveDown(2);
  doc.text(signatureOf(lang, statement));
  doc.end();
  return done;
}
