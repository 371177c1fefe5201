/** One participant's file for their coach: each part a small form that saves on its own. */
import { useEffect, useState } from 'preact/hooks';
import { OUTFLOW_KINDS, SKILL_LEVELS, type OutflowKind, type SkillLevel } from '../../../../domain.js';
import { codeOf, levelOf } from '../../../../helpers/helper-skills.js';
import type { LearningFile, LevelChange } from '../../../../learning/learning.schema.js';
import type { StatementSignOff } from '../../../../learning/statement.schema.js';
import type { ParticipantWorkshop } from '../../../../learning/workshops.schema.js';
import {
  Field,
  Form,
  Group,
  Message,
  type MessageValue,
  problem,
  Select,
  TextArea,
  TextInput,
  useFormState,
} from '../../components/forms.js';
import { type Skill, skillLabel } from '../../components/skill-picker.js';
import { api } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';

const textOf = (e: Event) => (e.currentTarget as HTMLTextAreaElement).value;

interface Props {
  file: LearningFile;
  skills: readonly Skill[];
  onChanged: () => Promise<void>;
}

function useSave(onChanged: () => Promise<void>) {
  const form = useFormState();
  const [message, setMessage] = useState<MessageValue | null>(null);
  async function save(run: () => Promise<unknown>, done: string): Promise<void> {
    try {
      form.setErrors([]);
      await run();
      setMessage({ kind: 'notice', text: done });
      await onChanged();
    } catch (err) {
      setMessage(problem(form, err));
    }
  }
  return { form, message, save };
}

function PlanForm({ file, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [d, setD] = useState({
    want: file.questions?.want ?? '',
    can: file.questions?.can ?? '',
    need: file.questions?.need ?? '',
    start: file.period?.start ?? '',
    end: file.period?.end ?? '',
    requiredHours: file.requiredHours === null ? '' : String(file.requiredHours),
    outflow: (file.outflow?.kind ?? '') as OutflowKind | '',
    outflowDate: file.outflow?.date ?? '',
  });
  const set = (key: keyof typeof d) => (value: string) => setD({ ...d, [key]: value });
  const body = {
    questions: { want: d.want, can: d.can, need: d.need },
    period: d.start ? { start: d.start, ...(d.end ? { end: d.end } : {}) } : null,
    requiredHours: d.requiredHours.trim() ? Number(d.requiredHours) : null,
    outflow: d.outflow ? { kind: d.outflow, date: d.outflowDate } : null,
  };
  return (
    <Form
      form={form}
      aria-labelledby="plan-title"
      onSubmit={() => void save(() => api('PATCH', `/helpers/${file.helperId}/learning`, body), t('coach.saved'))}
    >
      <h3 id="plan-title">{t('coach.plan')}</h3>
      {(['want', 'can', 'need'] as const).map((q) => (
        <Field key={q} name={`questions.${q}`} label={t(`coach.${q}`)}>
          <TextArea rows={2} maxLength={2000} value={d[q]} onInput={(e: Event) => set(q)(textOf(e))} />
        </Field>
      ))}
      <div class="row">
        <Field name="period.start" label={t('coach.periodStart')}>
          <TextInput type="date" value={d.start} onValue={set('start')} />
        </Field>
        <Field name="period.end" label={t('coach.periodEnd')}>
          <TextInput type="date" value={d.end} onValue={set('end')} />
        </Field>
        <Field name="requiredHours" label={t('coach.requiredHours')}>
          <TextInput type="number" min="0" value={d.requiredHours} onValue={set('requiredHours')} />
        </Field>
      </div>
      <div class="row">
        <Field name="outflow.kind" label={t('coach.outflow')}>
          <Select
            value={d.outflow}
            onChange={set('outflow')}
            options={[['', t('coach.outflowNone')], ...OUTFLOW_KINDS.map((k) => [k, t(`outflow.${k}`)] as const)]}
          />
        </Field>
        <Field name="outflow.date" label={t('coach.outflowDate')}>
          <TextInput type="date" value={d.outflowDate} onValue={set('outflowDate')} />
        </Field>
      </div>
      <button type="submit" class="primary">
        {t('coach.save')}
      </button>
      <Message message={message} />
    </Form>
  );
}

interface GoalDraft {
  skill: string;
  goal: string;
  done: boolean;
}

/** The goals per skill: an open one is what the matching serves, a reached one is kept as done. */
function GoalsForm({ file, skills, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [goals, setGoals] = useState<GoalDraft[]>(
    (file.goals ?? []).map((g) => ({ skill: g.skill, goal: g.goal, done: g.done ?? false })),
  );
  const change = (i: number, patch: Partial<GoalDraft>) =>
    setGoals(goals.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const body = { goals: goals.map((g) => ({ skill: g.skill, goal: g.goal, ...(g.done ? { done: true } : {}) })) };
  return (
    <Form
      form={form}
      aria-labelledby="goals-title"
      onSubmit={() => void save(() => api('PATCH', `/helpers/${file.helperId}/learning`, body), t('coach.saved'))}
    >
      <h3 id="goals-title">{t('coach.goals')}</h3>
      {goals.map((g, i) => (
        <div class="row" key={i}>
          <Field name={`goals.${i}.skill`} label={t('coach.skill')}>
            <Select
              value={g.skill}
              onChange={(skill) => change(i, { skill })}
              options={skills.map((s) => [s.code, skillLabel(s)] as const)}
            />
          </Field>
          <Field name={`goals.${i}.goal`} label={t('coach.goal')}>
            <TextInput value={g.goal} maxLength={500} required onValue={(goal) => change(i, { goal })} />
          </Field>
          <label class="check">
            <input type="checkbox" checked={g.done} onChange={(e) => change(i, { done: e.currentTarget.checked })} />
            {t('coach.goalDone')}
          </label>
          <button type="button" onClick={() => setGoals(goals.filter((_, j) => j !== i))}>
            {t('coach.goalRemove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => setGoals([...goals, { skill: skills[0]?.code ?? '', goal: '', done: false }])}
      >
        {t('coach.goalAdd')}
      </button>
      <button type="submit" class="primary">
        {t('coach.saveGoals')}
      </button>
      <Message message={message} />
    </Form>
  );
}

function LevelsForm({ file, skills, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [history, setHistory] = useState<LevelChange[]>([]);
  const [skill, setSkill] = useState(codeOf(file.skills[0] ?? ''));
  const [level, setLevel] = useState<SkillLevel>('competent');
  const [observed, setObserved] = useState<number[]>([]);
  const [note, setNote] = useState('');
  useEffect(() => {
    api<LevelChange[]>('GET', `/helpers/${file.helperId}/levels`)
      .then(setHistory)
      .catch(() => setHistory([]));
  }, [file]);
  const name = (code: string) => {
    const s = skills.find((x) => x.code === code);
    return s ? skillLabel(s) : code;
  };
  const body = { skill, level, observedRequestIds: observed, ...(note.trim() ? { note } : {}) };
  return (
    <Form
      form={form}
      aria-labelledby="levels-title"
      onSubmit={() => void save(() => api('POST', `/helpers/${file.helperId}/levels`, body), t('coach.signedOff'))}
    >
      <h3 id="levels-title">{t('coach.levels')}</h3>
      <ul>
        {file.skills.map((s) => (
          <li key={codeOf(s)}>{`${name(codeOf(s))}: ${t(`level.${levelOf(s)}`)}`}</li>
        ))}
      </ul>
      <div class="row">
        <Field name="skill" label={t('coach.skill')}>
          <Select value={skill} onChange={setSkill} options={skills.map((s) => [s.code, skillLabel(s)] as const)} />
        </Field>
        <Field name="level" label={t('coach.level')}>
          <Select
            value={level}
            onChange={(v) => setLevel(v as SkillLevel)}
            options={SKILL_LEVELS.map((l) => [l, t(`level.${l}`)] as const)}
          />
        </Field>
      </div>
      <Group name="observedRequestIds" legend={t('coach.observed')}>
        {file.jobs.map((job) => (
          <label key={job.requestId}>
            <input
              type="checkbox"
              checked={observed.includes(job.requestId)}
              onChange={(e) =>
                setObserved(
                  e.currentTarget.checked
                    ? [...observed, job.requestId]
                    : observed.filter((id) => id !== job.requestId),
                )
              }
            />
            {`${job.date} · ${job.skills.map(name).join(', ')}`}
          </label>
        ))}
      </Group>
      <Field name="note" label={t('coach.note')}>
        <TextArea rows={2} maxLength={2000} value={note} onInput={(e: Event) => setNote(textOf(e))} />
      </Field>
      <button type="submit" class="primary">
        {t('coach.signOff')}
      </button>
      <Message message={message} />
      {history.length ? (
        <>
          <h4>{t('coach.history')}</h4>
          <ul class="history">
            {history.map((c) => (
              <li key={c.id}>
                {`${c.at.slice(0, 10)} · ${name(c.skill)}: ${c.from ? t(`level.${c.from}`) : '—'} → ${t(`level.${c.to}`)} · ${
                  c.signedOff ? (c.by.name ?? '') : t('coach.byOffice')
                }`}
                {c.note ? <q>{c.note}</q> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Form>
  );
}

function WorkshopsForm({ file, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [list, setList] = useState<ParticipantWorkshop[]>([]);
  useEffect(() => {
    api<ParticipantWorkshop[]>('GET', `/helpers/${file.helperId}/workshops`)
      .then(setList)
      .catch(() => setList([]));
  }, [file]);
  const attend = (workshopId: number, attendedOn: string | null) =>
    save(async () => {
      setList(await api('PUT', `/helpers/${file.helperId}/attendance`, { workshopId, attendedOn }));
    }, t('coach.saved'));
  return (
    <Form form={form} aria-labelledby="workshops-title" onSubmit={() => undefined}>
      <h3 id="workshops-title">{t('coach.workshops')}</h3>
      <ol class="workshops">
        {list.map((w) => (
          <li key={w.id}>
            <Field name={`workshop.${w.id}`} label={`${w.title} — ${t('coach.attended')}`}>
              <TextInput type="date" value={w.attendedOn ?? ''} onValue={(v) => void attend(w.id, v || null)} />
            </Field>
          </li>
        ))}
      </ol>
      <Message message={message} />
    </Form>
  );
}

/** The hours statement of a period, signed off with its totals frozen; the earlier sign-offs below. */
function StatementForm({ file, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [from, setFrom] = useState(file.period?.start ?? '');
  const [to, setTo] = useState(file.outflow?.date ?? file.period?.end ?? '');
  const [signed, setSigned] = useState<StatementSignOff[]>([]);
  const load = () =>
    api<StatementSignOff[]>('GET', `/helpers/${file.helperId}/statement-sign-offs`)
      .then(setSigned)
      .catch(() => setSigned([]));
  useEffect(() => void load(), [file]);
  const body = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return (
    <Form
      form={form}
      aria-labelledby="statement-title"
      onSubmit={() =>
        void save(async () => {
          await api('POST', `/helpers/${file.helperId}/statement-sign-offs`, body);
          await load();
        }, t('coach.statementSigned'))
      }
    >
      <h3 id="statement-title">{t('coach.statement')}</h3>
      <div class="row">
        <Field name="from" label={t('coach.statementFrom')}>
          <TextInput type="date" value={from} onValue={setFrom} />
        </Field>
        <Field name="to" label={t('coach.statementTo')}>
          <TextInput type="date" value={to} onValue={setTo} />
        </Field>
      </div>
      <button type="submit" class="primary">
        {t('coach.statementSignOff')}
      </button>
      <Message message={message} />
      {signed.length ? (
        <ul class="history">
          {signed.map((s) => (
            <li key={s.id}>
              {t('coach.statementLine', {
                from: s.from,
                to: s.to,
                hours: s.totalHours,
                date: s.signedAt.slice(0, 10),
                coach: s.signedBy.name ?? '',
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </Form>
  );
}

function JobsForm({ file, onChanged }: Props) {
  const { form, message, save } = useSave(onChanged);
  const [drafts, setDrafts] = useState(
    new Map(file.jobs.map((j) => [j.requestId, { satisfaction: j.satisfaction, observation: j.observation ?? '' }])),
  );
  const setDraft = (id: number, change: Partial<{ satisfaction: number | null; observation: string }>) =>
    setDrafts(new Map(drafts).set(id, { ...drafts.get(id)!, ...change }));
  if (file.jobs.length === 0) return null;
  return (
    <Form form={form} aria-labelledby="jobs-title" onSubmit={() => undefined}>
      <h3 id="jobs-title">{t('coach.jobs')}</h3>
      {file.jobs.map((job) => {
        const d = drafts.get(job.requestId)!;
        return (
          <fieldset key={job.requestId} class="card">
            <legend>{`${job.date} · ${job.skills.join(', ')}`}</legend>
            <Field name="satisfaction" label={t('coach.satisfaction')}>
              <Select
                value={d.satisfaction === null ? '' : String(d.satisfaction)}
                onChange={(v) => setDraft(job.requestId, { satisfaction: v ? Number(v) : null })}
                options={[['', '—'], ...[1, 2, 3, 4, 5].map((n) => [String(n), String(n)] as const)]}
              />
            </Field>
            <Field name="observation" label={t('coach.observation')}>
              <TextArea
                rows={2}
                maxLength={2000}
                value={d.observation}
                onInput={(e: Event) => setDraft(job.requestId, { observation: textOf(e) })}
              />
            </Field>
            <button
              type="button"
              onClick={() =>
                void save(
                  () =>
                    api('PUT', `/requests/${job.requestId}/feedback`, {
                      satisfaction: d.satisfaction,
                      observation: d.observation,
                    }),
                  t('coach.saved'),
                )
              }
            >
              {t('coach.saveJob')}
            </button>
          </fieldset>
        );
      })}
      <Message message={message} />
    </Form>
  );
}

export function FileView(props: Props) {
  return (
    <article class="card" aria-label={props.file.name}>
      <h2>{props.file.name}</h2>
      <p>
        {props.file.requiredHours === null
          ? t('learning.hoursNoTarget', { done: props.file.hoursDone })
          : t('learning.hours', { done: props.file.hoursDone, required: props.file.requiredHours })}
      </p>
      <PlanForm {...props} />
      <GoalsForm {...props} />
      <LevelsForm {...props} />
      <WorkshopsForm {...props} />
      <JobsForm {...props} />
      <StatementForm {...props} />
    </article>
  );
}
