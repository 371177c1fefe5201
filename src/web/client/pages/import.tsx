/**
 * A list of helpers (the school's) or of residents into wijkmatch: the file is checked row by row (the
 * API's dry run, addresses looked up, a progress bar while it runs), and only a file with no rejected
 * row can then be imported, in one go. The columns the organisation's lists use are saved here.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ImportReport, ResidentImportReport } from '../../../imports/imports.schema.js';
import { Message, type MessageValue } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import { api, ApiError, errorText } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NDJSON = 'application/x-ndjson';

type Kind = 'helpers' | 'residents';
type Report = ImportReport | ResidentImportReport;
interface Progress {
  phase: 'check' | 'write';
  done: number;
  total: number;
}
interface SavedMapping {
  mapping: Record<string, string>;
  fields: { field: string; headers: string[] }[];
}

const refusal = (status: number, error: { code?: string; message?: string; details?: [] } = {}) =>
  new ApiError(status, error.code ?? 'internal', error.message ?? '', error.details ?? []);

/**
 * The file as the body of the import, by its name (the API reads CSV and XLSX); the reply's lines are
 * its progress, then the report.
 */
async function send(kind: Kind, file: File, dryRun: boolean, onProgress: (p: Progress) => void): Promise<Report> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const response = await fetch(`/api/v1/imports/${kind}?dryRun=${dryRun}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': type, accept: NDJSON },
    body: file,
  });
  if (!response.ok) throw refusal(response.status, (await response.json())?.error);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const message = JSON.parse(line) as { progress?: Progress; result?: Report; error?: never };
      if (message.progress) onProgress(message.progress);
      if (message.result) return message.result;
      if (message.error) throw refusal(response.status, message.error);
    }
    if (done) throw refusal(response.status);
  }
}

const idOf = (row: Report['rows'][number]) => ('helperId' in row ? row.helperId : row.residentId);

function MappingEditor({ kind, onMessage }: { kind: Kind; onMessage: (m: MessageValue) => void }) {
  const [saved, setSaved] = useState<SavedMapping | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    setSaved(null);
    api<SavedMapping>('GET', `/imports/${kind}/mapping`).then(
      (m) => {
        setSaved(m);
        setDraft(m.mapping);
      },
      (err) => onMessage({ kind: 'error', text: errorText(err) }),
    );
  }, [kind]);
  if (!saved) return null;

  async function save(): Promise<void> {
    const mapping = Object.fromEntries(Object.entries(draft).filter(([, header]) => header.trim()));
    try {
      const answer = await api<SavedMapping>('PUT', `/imports/${kind}/mapping`, { mapping });
      setSaved(answer);
      setDraft(answer.mapping);
      onMessage({ kind: 'notice', text: t('import.mapping.saved') });
    } catch (err) {
      onMessage({ kind: 'error', text: errorText(err) });
    }
  }

  return (
    <details class="mapping">
      <summary>{t('import.mapping')}</summary>
      <p>{t('import.mapping.intro')}</p>
      {saved.fields.map(({ field, headers }) => (
        <p key={field}>
          <label for={`map-${field}`}>
            {t(`import.field.${field}` as TextKey)} ({headers.join(', ')})
          </label>
          <input
            id={`map-${field}`}
            value={draft[field] ?? ''}
            onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
          />
        </p>
      ))}
      <p class="actions">
        <button type="button" onClick={() => void save()}>
          {t('import.mapping.save')}
        </button>
      </p>
    </details>
  );
}

function ImportPage() {
  const [kind, setKind] = useState<Kind>('helpers');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);

  const reset = () => {
    setReport(null);
    setProgress(null);
    setMessage(null);
  };

  async function run(dryRun: boolean): Promise<void> {
    if (!file) return setMessage({ kind: 'error', text: t('import.noFile') });
    setProgress(null);
    try {
      const answer = await send(kind, file, dryRun, setProgress);
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
      <h1 id="import-title">{t(kind === 'helpers' ? 'import.title' : 'import.title.residents')}</h1>
      <p>{t('import.intro')}</p>
      <fieldset>
        <legend>{t('import.kind')}</legend>
        {(['helpers', 'residents'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                reset();
              }}
            />
            {t(`import.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <MappingEditor kind={kind} onMessage={setMessage} />
      <p>
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            reset();
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
      {progress && (
        <p>
          <label for="import-progress">{t('import.progress')}</label>{' '}
          <progress id="import-progress" max={progress.total} value={progress.done} />{' '}
          <span>
            {progress.phase === 'check' ? t('import.progress.check', { ...progress }) : t('import.progress.write')}
          </span>
        </p>
      )}
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
                <tr key={row.row} data-action={row.action} data-id={idOf(row) ?? undefined}>
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
