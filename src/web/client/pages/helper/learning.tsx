/** The participant's progress on their own page: hours against required, levels, workshops, the coach's word. */
import type { LearningFile } from '../../../../learning/learning.schema.js';
import type { ParticipantWorkshop } from '../../../../learning/workshops.schema.js';
import { codeOf, levelOf } from '../../../../helpers/helper-skills.js';
import { t } from '../../lib/i18n.js';

export interface Learning {
  file: LearningFile;
  workshops: ParticipantWorkshop[];
}

export function LearningSection(props: { learning: Learning; labels: ReadonlyMap<string, string>; token: string }) {
  const { file, workshops } = props.learning;
  const done = workshops.filter((w) => w.attendedOn !== null);
  const next = workshops.find((w) => w.attendedOn === null);
  const observed = file.jobs.find((j) => j.observation);
  const share = file.requiredHours ? Math.min(1, file.hoursDone / file.requiredHours) : null;
  const base = `/h/${encodeURIComponent(props.token)}`;
  return (
    <section aria-labelledby="learning-title">
      <h2 id="learning-title">{t('learning.title')}</h2>
      {file.period ? <p class="muted">{t('learning.period', file.period)}</p> : null}
      <p>
        {file.requiredHours === null
          ? t('learning.hoursNoTarget', { done: file.hoursDone })
          : t('learning.hours', { done: file.hoursDone, required: file.requiredHours })}
      </p>
      {share === null ? null : <progress max={1} value={share} aria-label={t('statement.hours')} />}
      <h3>{t('learning.skills')}</h3>
      <ul>
        {file.skills.map((s) => (
          <li key={codeOf(s)}>{`${props.labels.get(codeOf(s)) ?? codeOf(s)}: ${t(`level.${levelOf(s)}`)}`}</li>
        ))}
      </ul>
      {workshops.length ? (
        <>
          <h3>{t('learning.workshops')}</h3>
          <p>{t('learning.workshopsDone', { done: done.length, total: workshops.length })}</p>
          {next ? <p>{t('learning.next', { title: next.title })}</p> : null}
        </>
      ) : null}
      {observed ? (
        <>
          <h3>{t('learning.observation')}</h3>
          <blockquote>{observed.observation}</blockquote>
        </>
      ) : null}
      <p>
        <a href={`${base}/statement`}>{t('learning.statement')}</a>
        {' · '}
        <a href={`${base}/statement.pdf`}>{t('statement.pdf')}</a>
      </p>
    </section>
  );
}
