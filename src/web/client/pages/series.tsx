/**
 * Regular help (a series): what runs, paused or stopped, with the dates already planned. Made at intake;
 * here the office pauses one while the resident is away, picks it up again, or stops it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Resident } from '../../../residents/residents.schema.js';
import type { Series } from '../../../series/series.schema.js';
import { Field, Form, Message, type MessageValue, problem, TextInput, useFormState } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import { type Skill, skillLabel } from '../components/skill-picker.js';
import { api, errorText } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

const day = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeZone: 'UTC' });
const dateOf = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));

interface Names {
  residents: ReadonlyMap<number, string>;
  skills: ReadonlyMap<string, string>;
}

function when(s: Series): string {
  const weekday = t(`weekday.${s.weekday}` as TextKey);
  const every =
    s.everyWeeks === 1 ? t('series.everyWeek', { weekday }) : t('series.everyNWeeks', { weekday, n: s.everyWeeks });
  return `${every} ${s.start}–${s.end}`;
}

function standing(s: Series): string {
  if (!s.active) return t('series.stopped');
  if (s.pause) return t('series.pausedUntil', { from: dateOf(s.pause.from), until: dateOf(s.pause.until) });
  return t('series.running');
}

/** The pause form of one series, open under its row. */
function PauseForm(props: { series: Series; done: (message: MessageValue) => Promise<void> }) {
  const form = useFormState();
  const [range, setRange] = useState({ from: props.series.pause?.from ?? '', until: props.series.pause?.until ?? '' });
  const [message, setMessage] = useState<MessageValue | null>(null);
  async function pause() {
    try {
      await api('PUT', `/series/${props.series.id}/pause`, range);
      await props.done({ kind: 'notice', text: t('series.paused') });
    } catch (err) {
      setMessage(problem(form, err));
    }
  }
  return (
    <Form form={form} class="filters" onSubmit={() => void pause()} aria-label={t('series.pauseTitle')}>
      <Field name="from" label={t('series.pauseFrom')}>
        <TextInput type="date" required value={range.from} onValue={(from) => setRange({ ...range, from })} />
      </Field>
      <Field name="until" label={t('series.pauseUntil')}>
        <TextInput type="date" required value={range.until} onValue={(until) => setRange({ ...range, until })} />
      </Field>
      <button type="submit" class="primary">
        {t('series.pauseSave')}
      </button>
      <Message message={message} />
    </Form>
  );
}

function SeriesRow(props: { series: Series; names: Names; reload: (message: MessageValue) => Promise<void> }) {
  const { series: s, names } = props;
  const [pausing, setPausing] = useState(false);
  const act = async (path: string, text: TextKey) => {
    try {
      await api('DELETE', path);
      await props.reload({ kind: 'notice', text: t(text) });
    } catch (err) {
      await props.reload({ kind: 'error', text: errorText(err) });
    }
  };
  const resident = names.residents.get(s.residentId) ?? `#${s.residentId}`;
  return (
    <>
      <tr>
        <td>{resident}</td>
        <td>{s.skills.map((code) => names.skills.get(code) ?? code).join(', ')}</td>
        <td>{when(s)}</td>
        <td>{standing(s)}</td>
        <td>
          {s.upcoming.length
            ? s.upcoming.map((o) => `${dateOf(o.date)}: ${t(`status.${o.status}`)}`).join(' · ')
            : t('series.nothingPlanned')}
        </td>
        <td class="actions">
          {s.active ? (
            <>
              <button type="button" aria-expanded={pausing} onClick={() => setPausing(!pausing)}>
                {t('series.pause')}
              </button>
              {s.pause ? (
                <button type="button" onClick={() => void act(`/series/${s.id}/pause`, 'series.resumed')}>
                  {t('series.resume')}
                </button>
              ) : null}
              <button
                type="button"
                class="danger"
                onClick={() => {
                  if (confirm(t('series.stopConfirm', { name: resident })))
                    void act(`/series/${s.id}`, 'series.stoppedNotice');
                }}
              >
                {t('series.stop')}
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {pausing ? (
        <tr>
          <td colSpan={6}>
            <PauseForm series={s} done={props.reload} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function SeriesPage() {
  const [all, setAll] = useState(false);
  const [list, setList] = useState<Series[] | null>(null);
  const [names, setNames] = useState<Names>({ residents: new Map(), skills: new Map() });
  const [message, setMessage] = useState<MessageValue | null>(null);

  async function load() {
    const found = await api<Series[]>('GET', `/series${all ? '' : '?active=true'}`);
    const ids = [...new Set(found.map((s) => s.residentId))];
    const [residents, skills] = await Promise.all([
      ids.length ? api<Resident[]>('GET', `/residents?ids=${ids.slice(0, 200).join(',')}`) : Promise.resolve([]),
      api<Skill[]>('GET', '/skills'),
    ]);
    setNames({
      residents: new Map(residents.map((r) => [r.id, r.name])),
      skills: new Map(skills.map((s) => [s.code, skillLabel(s)])),
    });
    setList(found);
  }
  const reload = async (next: MessageValue) => {
    setMessage(next);
    await load().catch((err: unknown) => setMessage({ kind: 'error', text: errorText(err) }));
  };
  useEffect(() => {
    load().catch((err: unknown) => setMessage({ kind: 'error', text: errorText(err) }));
  }, [all]);

  return (
    <section aria-labelledby="series-title">
      <h1 id="series-title">{t('series.title')}</h1>
      <p>{t('series.intro')}</p>
      <div class="filters">
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
          {` ${t('series.showStopped')}`}
        </label>
      </div>
      <Message message={message} />
      <p class="muted" role="status">
        {list ? t('series.count', { count: list.length }) : ''}
      </p>
      {list?.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('detail.resident')}</th>
              <th scope="col">{t('detail.what')}</th>
              <th scope="col">{t('detail.when')}</th>
              <th scope="col">{t('detail.status')}</th>
              <th scope="col">{t('series.upcoming')}</th>
              <th scope="col">
                <span class="sr-only">{t('detail.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <SeriesRow key={s.id} series={s} names={names} reload={reload} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

mountPage(<SeriesPage />);
