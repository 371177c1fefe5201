/**
 * How wijkmatch chooses and asks (admins change, the office reads): the weights of the score, how long
 * a helper has to answer and how many are asked at once per urgency, and how long data is kept.
 */
import { useEffect, useState } from 'preact/hooks';
import { URGENCIES } from '../../../domain.js';
import type { Settings } from '../../../settings/settings.service.js';
import { type Skill, SkillPicker } from '../components/skill-picker.js';
import { Field, Form, Message, type MessageValue, problem, TextInput, useFormState } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import { api } from '../lib/api.js';
import { staffUser, t, type TextKey } from '../lib/i18n.js';
import { WeightsPreview } from './settings/preview.js';

type Numbers = Record<string, string>;

const MAY_CHANGE = staffUser().role === 'admin';
const CRITERIA = ['distance', 'continuity', 'trackFit', 'workload', 'language', 'learning'] as const;
const KEPT = ['maxProposalTries', 'seriesDaysAhead', 'retentionMonths', 'auditRetentionYears'] as const;

/** Every number on the page by its path in the settings ("weights.distance"), as typed. */
function numbersOf(s: Settings): Numbers {
  return {
    ...Object.fromEntries(CRITERIA.map((c) => [`weights.${c}`, String(s.weights[c])])),
    distanceHalfKm: String(s.distanceHalfKm),
    ...Object.fromEntries(URGENCIES.map((u) => [`responseMinutes.${u}`, String(s.responseMinutes[u])])),
    ...Object.fromEntries(URGENCIES.map((u) => [`fanOut.${u}`, String(s.fanOut[u])])),
    ...Object.fromEntries(KEPT.map((k) => [k, String(s[k])])),
  };
}

/** The skills each learning-path rule applies to, by setting. */
const SKILL_RULES = ['workshopsFirstSkills', 'supervisedSkills'] as const;
type SkillRules = Record<(typeof SKILL_RULES)[number], string[]>;

/** The policy's switches the page offers, each a checkbox. */
const TOGGLES = ['lastCallUntilStart', 'usualHelperFirst', 'practiceHours', 'chainTrips', 'makeRoom'] as const;
type Toggles = Record<(typeof TOGGLES)[number], boolean>;
const togglesOf = (s: Settings): Toggles => Object.fromEntries(TOGGLES.map((k) => [k, s[k]])) as Toggles;

function patchOf(n: Numbers, toggles: Toggles, skillRules: SkillRules) {
  const num = (key: string) => Number(n[key]);
  return {
    weights: Object.fromEntries(CRITERIA.map((c) => [c, num(`weights.${c}`)])),
    distanceHalfKm: num('distanceHalfKm'),
    responseMinutes: Object.fromEntries(URGENCIES.map((u) => [u, num(`responseMinutes.${u}`)])),
    fanOut: Object.fromEntries(URGENCIES.map((u) => [u, num(`fanOut.${u}`)])),
    ...Object.fromEntries(KEPT.map((k) => [k, num(k)])),
    ...toggles,
    ...skillRules,
  };
}

function SettingsPage() {
  const form = useFormState();
  const [numbers, setNumbers] = useState<Numbers | null>(null);
  const [toggles, setToggles] = useState<Toggles>({
    lastCallUntilStart: true,
    usualHelperFirst: true,
    practiceHours: true,
    chainTrips: false,
    makeRoom: true,
  });
  const [skillRules, setSkillRules] = useState<SkillRules>({ workshopsFirstSkills: [], supervisedSkills: [] });
  const [catalogue, setCatalogue] = useState<Skill[]>([]);
  const [message, setMessage] = useState<MessageValue | null>(null);

  const show = (s: Settings) => {
    setNumbers(numbersOf(s));
    setSkillRules(Object.fromEntries(SKILL_RULES.map((k) => [k, s[k]])) as SkillRules);
    setToggles(togglesOf(s));
  };
  useEffect(() => {
    api<Settings>('GET', '/settings')
      .then(show)
      .catch((err: unknown) => setMessage(problem(form, err)));
    api<Skill[]>('GET', '/skills')
      .then(setCatalogue)
      .catch((err: unknown) => setMessage(problem(form, err)));
  }, []);

  async function save(): Promise<void> {
    try {
      show(await api<Settings>('PATCH', '/settings', patchOf(numbers!, toggles, skillRules)));
      form.setErrors([]);
      setMessage({ kind: 'notice', text: t('settings.saved') });
    } catch (err) {
      setMessage(problem(form, err));
    }
  }

  if (!numbers) return <Message message={message} />;
  const number = (key: string, label: string, step = '1') => (
    <Field key={key} name={key} label={label}>
      <TextInput
        type="number"
        min="0"
        step={step}
        required
        disabled={!MAY_CHANGE}
        value={numbers[key]}
        onValue={(value) => setNumbers({ ...numbers, [key]: value })}
      />
    </Field>
  );
  const toggle = (key: keyof typeof toggles) => (
    <label class="check">
      <input
        type="checkbox"
        disabled={!MAY_CHANGE}
        checked={toggles[key]}
        onChange={(e) => setToggles({ ...toggles, [key]: e.currentTarget.checked })}
      />
      {t(`settings.${key}` as TextKey)}
    </label>
  );

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <p>{MAY_CHANGE ? t('settings.intro') : t('settings.readOnly')}</p>
      <Form form={form} class="settings" onSubmit={() => void save()}>
        <fieldset>
          <legend>{t('settings.weights')}</legend>
          {CRITERIA.map((c) => number(`weights.${c}`, t(`criterion.${c}` as TextKey)))}
          {number('distanceHalfKm', t('settings.distanceHalfKm'), '0.5')}
        </fieldset>
        <fieldset>
          <legend>{t('settings.responseMinutes')}</legend>
          {URGENCIES.map((u) => number(`responseMinutes.${u}`, t(`urgency.${u}` as TextKey)))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.fanOut')}</legend>
          {URGENCIES.map((u) => number(`fanOut.${u}`, t(`urgency.${u}` as TextKey)))}
          {toggle('lastCallUntilStart')}
          {toggle('usualHelperFirst')}
          {toggle('practiceHours')}
          {toggle('chainTrips')}
          {toggle('makeRoom')}
        </fieldset>
        {SKILL_RULES.map((rule) => (
          <SkillPicker
            key={rule}
            title={t(`settings.${rule}`)}
            name={rule}
            field={rule}
            disabled={!MAY_CHANGE}
            skills={catalogue}
            chosen={skillRules[rule]}
            onChange={(chosen) => setSkillRules({ ...skillRules, [rule]: chosen })}
          />
        ))}
        <fieldset>
          <legend>{t('settings.kept')}</legend>
          {KEPT.map((k) => number(k, t(`settings.${k}` as TextKey)))}
        </fieldset>
        {MAY_CHANGE ? (
          <button type="submit" class="primary">
            {t('settings.save')}
          </button>
        ) : null}
      </Form>
      <Message message={message} />
      {MAY_CHANGE ? <WeightsPreview weights={patchOf(numbers, toggles, skillRules).weights} /> : null}
    </section>
  );
}

mountPage(<SettingsPage />);
