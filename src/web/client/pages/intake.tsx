/**
 * Intake: a phoned-in request entered while the resident is on the line. Keyboard first (the search
 * has focus, arrows and Enter pick a resident, Tab walks the form, Enter saves); the best candidates
 * show while typing; what was typed is kept in the tab's session storage until it is saved.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Candidates } from '../../../candidates/candidates.schema.js';
import { CHANNELS, URGENCIES } from '../../../domain.js';
import type { Helper } from '../../../helpers/helpers.schema.js';
import type { HelpRequest } from '../../../requests/requests.schema.js';
import type { Series } from '../../../series/series.schema.js';
import {
  Field,
  Form,
  Group,
  Input,
  type Options,
  problem,
  Select,
  TextArea,
  useFormState,
} from '../components/forms.js';
import { startPage } from '../components/page.js';
import { type Skill, SkillPicker } from '../components/skill-picker.js';
import { ApiError, api, errorText } from '../lib/api.js';
import { staffUser, t, type TextKey } from '../lib/i18n.js';
import { reasonSummary } from '../lib/reasons.js';
import {
  type ChosenResident,
  type Draft,
  draftStore,
  emptyDraft,
  localErrors,
  requestBody,
  SERIES_FIELDS,
  seriesBody,
} from './intake/draft.js';
import { NewResident, ResidentSearch } from './intake/resident.js';

/** The candidates are asked for once typing pauses this long. */
const PREVIEW_PAUSE_MS = 300;
const drafts = draftStore(staffUser().id);
const urgencies: Options = URGENCIES.map((u) => [u, t(`urgency.${u}`)]);
const channels: Options = CHANNELS.map((c) => [c, t(`channel.${c}`)]);
const repeats: Options = ['0', '1', '2'].map((n) => [n, t(`intake.repeat.${n}` as TextKey)]);

/** Saves a request, or a series with its first requests; says what was saved. */
async function submit(d: Draft): Promise<string> {
  if (d.repeat === '0') {
    const created = await api<HelpRequest>('POST', '/requests', requestBody(d));
    return t('intake.saved', { id: created.id });
  }
  try {
    const series = await api<Series>('POST', '/series', seriesBody(d));
    return t('intake.seriesSaved', { count: series.upcoming.length });
  } catch (err) {
    if (err instanceof ApiError) {
      for (const detail of err.details) detail.field = SERIES_FIELDS[detail.field ?? ''] ?? detail.field;
    }
    throw err;
  }
}

/** The best candidates for the request as typed so far, or why nobody fits. */
function Best({ draft, helperNames }: { draft: Draft; helperNames: ReadonlyMap<number, string> }) {
  const [shown, setShown] = useState<{ ranking: Candidates } | { error: string } | null>(null);
  const ready = localErrors(draft).length === 0;
  const body = JSON.stringify(requestBody(draft));
  useEffect(() => {
    if (!ready) {
      setShown(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<Candidates>('POST', '/requests/preview', JSON.parse(body))
        .then((ranking) => current && setShown({ ranking }))
        .catch((err: unknown) => current && setShown({ error: errorText(err) }));
    }, PREVIEW_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ready, body]);

  let content;
  if (!ready || !shown) content = <p class="muted">{t('intake.fillIn')}</p>;
  else if ('error' in shown) content = <p class="muted">{shown.error}</p>;
  else {
    const { ranking } = shown;
    const why = reasonSummary(ranking.excluded);
    content = (
      <>
        {ranking.candidates.length ? (
          <ol class="candidates">
            {ranking.candidates.slice(0, 5).map((c) => (
              <li key={c.helperId}>
                {`${helperNames.get(c.helperId) ?? `#${c.helperId}`} — ${c.score.toFixed(0)} · ${c.distanceKm.toFixed(1)} km`}
              </li>
            ))}
          </ol>
        ) : (
          <p class="error">{t('detail.noCandidates')}</p>
        )}
        {why ? <p class="muted">{t('detail.why', { reasons: why })}</p> : null}
      </>
    );
  }
  return (
    <aside class="card" aria-labelledby="best-title">
      <h2 id="best-title">{t('intake.best')}</h2>
      <div aria-live="polite">{content}</div>
    </aside>
  );
}

function IntakePage({ skills, helperNames }: { skills: Skill[]; helperNames: ReadonlyMap<number, string> }) {
  const [start] = useState(drafts.load);
  const [draft, setDraft] = useState(start.draft);
  const [notice, setNotice] = useState<{ text: string; saved: boolean } | null>(
    start.restored ? { text: t('intake.draftRestored'), saved: false } : null,
  );
  const [formError, setFormError] = useState('');
  const [newResident, setNewResident] = useState(false);
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  /** Where focus goes after the next draw: the search, or the first skill once a resident is chosen. */
  const [focus, setFocus] = useState<'search' | 'skills' | null>(start.draft.resident ? 'skills' : 'search');
  const [searchKey, setSearchKey] = useState(0);
  const form = useFormState();
  const formRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    if (focus === 'search') searchRef.current?.focus();
    if (focus === 'skills') formRef.current?.querySelector<HTMLInputElement>('input[name="skill"]')?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  const change = (patch: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      drafts.save(next);
      return next;
    });
  const set = (key: keyof Draft) => (value: string) => change({ [key]: value });
  const choose = (resident: ChosenResident | null) => {
    change({ resident });
    setNewResident(false);
    setFocus(resident ? 'skills' : 'search');
  };

  async function save() {
    form.setErrors([]);
    setFormError('');
    setNotice(null);
    const errors = localErrors(draft);
    if (errors.length) {
      setFormError(t('form.invalid'));
      form.setErrors(errors);
      return;
    }
    setSaving(true);
    try {
      const saved = await submit(draft);
      drafts.clear();
      setDraft(emptyDraft());
      setNotice({ text: saved, saved: true });
      setSearchKey((k) => k + 1);
      setFocus('search');
    } catch (err) {
      setFormError(problem(form, err).text);
    } finally {
      setSaving(false);
    }
  }

  const r = draft.resident;
  return (
    <div class="intake">
      <div class="card" ref={formRef}>
        <Form form={form} id="intake-form" onSubmit={() => void save()}>
          <h1>{t('intake.title')}</h1>
          <div role="status" aria-live="polite">
            {notice ? (
              <p class="notice">
                {notice.text} {notice.saved ? <a href="/board">{t('nav.board')}</a> : null}
              </p>
            ) : null}
          </div>
          <p class="error" role="alert">
            {formError}
          </p>
          <Group name="residentId" as="div">
            <label for="resident-search">{t('intake.find')}</label>
            {r ? (
              <div class="chosen">
                <span>{t('intake.chosen', { name: `${r.name} · ${r.postcode} ${r.city ?? ''}` })}</span>
                <button type="button" onClick={() => choose(null)}>
                  {t('intake.change')}
                </button>
              </div>
            ) : (
              <ResidentSearch key={searchKey} searchRef={searchRef} onChoose={choose} onType={setTyped} />
            )}
          </Group>
          <p>
            <button
              type="button"
              class="link"
              aria-expanded={newResident ? 'true' : 'false'}
              onClick={() => setNewResident(!newResident)}
            >
              {t('intake.newResident')}
            </button>
          </p>
          {newResident ? <NewResident typed={typed} onCreated={choose} /> : null}
          <SkillPicker
            skills={skills}
            chosen={draft.skills}
            onChange={(chosen) => change({ skills: chosen })}
            title={t('intake.skills')}
            heading
            oneTabStop
            name="skill"
          />
          <div class="row">
            <Field name="window.start" label={t('intake.day')}>
              <Input type="date" required value={draft.day} onInput={(e) => set('day')(e.currentTarget.value)} />
            </Field>
            <Field name="window.from" label={t('intake.from')}>
              <Input
                type="time"
                required
                step={300}
                value={draft.from}
                onInput={(e) => set('from')(e.currentTarget.value)}
              />
            </Field>
            <Field name="window.end" label={t('intake.to')}>
              <Input
                type="time"
                required
                step={300}
                value={draft.to}
                onInput={(e) => set('to')(e.currentTarget.value)}
              />
            </Field>
            <Field name="durationMinutes" label={t('intake.duration')}>
              <Input
                type="number"
                min={15}
                max={720}
                step={15}
                value={draft.duration}
                onInput={(e) => set('duration')(e.currentTarget.value)}
              />
            </Field>
          </div>
          <div class="row">
            <Field name="urgency" label={t('intake.urgency')}>
              <Select options={urgencies} value={draft.urgency} onChange={set('urgency')} />
            </Field>
            <Field name="channel" label={t('intake.channel')}>
              <Select options={channels} value={draft.channel} onChange={set('channel')} />
            </Field>
            <Field name="repeat" label={t('intake.repeat')}>
              <Select options={repeats} value={draft.repeat} onChange={set('repeat')} />
            </Field>
            <Field name="until" label={t('intake.until')}>
              <Input type="date" value={draft.until} onInput={(e) => set('until')(e.currentTarget.value)} />
            </Field>
          </div>
          <Field name="description" label={t('intake.note')}>
            <TextArea
              rows={3}
              maxLength={2000}
              value={draft.description}
              onInput={(e) => set('description')(e.currentTarget.value)}
            />
          </Field>
          <p>
            <button type="submit" class="primary" id="save" disabled={saving}>
              {t('intake.save')}
            </button>
          </p>
        </Form>
      </div>
      <Best draft={draft} helperNames={helperNames} />
    </div>
  );
}

void startPage(
  async () => {
    const [skills, helpers] = await Promise.all([api<Skill[]>('GET', '/skills'), api<Helper[]>('GET', '/helpers')]);
    return { skills, helperNames: new Map(helpers.map((h) => [h.id, h.name])) };
  },
  (data) => <IntakePage {...data} />,
);
