/**
 * The school's list of helpers into wijkmatch: the file is checked row by row (the API's dry run),
 * and only a file with no rejected row can then be imported, in one go.
 */
import { useState } from 'preact/hooks';
import type { ImportReport } from '../../../imports/imports.schema.js';
import { Message, type MessageValue } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import { ApiError, errorText } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file as the body of the import, by its name: the API reads CSV and XLSX. */
async function send(file: File, dryRun: boolean): Promise<ImportReport> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const response = await fetch(`/api/v1/imports/helpers?dryRun=${dryRun}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': type },
    body: file,
  });
  const json = await response.json();
  if (!response.ok) {
    const error = json?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'internal', error.message ?? '', error.details ?? []);
  }
  return json as ImportReport;
}

function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);

  async function run(dryRun: boolean): Promise<void> {
    if (!file) return setMessage({ kind: 'error', text: t('import.noFile') });
    try {
      const answer = await send(file, dryRun);
      setReport(answer);
      setMessage(
        answer.imported
          ? { kind: 'notice', text: t('import.done', { created: answer.created, updated: answer.updated }) }
          : answer.rejected > 0
            ? { kind: 'error', text: t('import.fixFirst') }
            : null,
      );
    } catch (err) {
      const details = err instanceof ApiError ? err.details.map((d) => d.message).join('; ') : '';
      setMessage({ kind: 'error', text: details ? `${errorText(err)}: ${details}` : errorText(err) });
    }
  }

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p>
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setReport(null);
            setMessage(null);
          }}
        />
      </p>
      <p class="actions">
        <button type="button" class="primary" onClick={() => void run(true)}>
          {t('import.check')}
        </button>
        <button
          type="button"
          disabled={!report || !report.dryRun || report.rejected > 0}
          onClick={() => void run(false)}
        >
          {t('import.run')}
        </button>
      </p>
      <Message message={message} />
      {report && (
        <>
          <p role="status">
            {t('import.summary', { created: report.created, updated: report.updated, rejected: report.rejected })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('import.col.row')}
                </th>
                <th scope="col">{t('import.col.action')}</th>
                <th scope="col">{t('import.col.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.row} data-action={row.action}>
                  <td class="num">{row.row}</td>
                  <td>{t(`import.action.${row.action}` as TextKey)}</td>
                  <td>{row.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

mountPage(<ImportPage />);
