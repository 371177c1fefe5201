/**
 * A job with a supervised skill that a learner may not do alone: the dispatcher pairs the learner with a
 * helper who could do it alone, and asks both (or assigns both, when they agreed by phone).
 */
import { useState } from 'preact/hooks';
import type { Candidates } from '../../../../candidates/candidates.schema.js';
import { api } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';
import { helperName } from './view.js';

/** The helpers kept out only for `supervision`: with someone beside them they could come. */
export function learnersOf(ranking: Candidates): number[] {
  return ranking.excluded
    .filter((e) => e.reasons.length === 1 && e.reasons[0] === 'supervision')
    .map((e) => e.helperId);
}

export function PairForm(props: {
  requestId: number;
  learners: readonly number[];
  supervisors: readonly number[];
  act: (run: () => Promise<unknown>) => Promise<void>;
}) {
  const [learner, setLearner] = useState(props.learners[0]!);
  const [supervisor, setSupervisor] = useState(props.supervisors[0]!);
  const pair = { helperId: learner, supervisorId: supervisor };
  const assign = () => {
    if (confirm(t('pair.assignConfirm', { learner: helperName(learner), supervisor: helperName(supervisor) })))
      void props.act(() => api('POST', `/requests/${props.requestId}/assign`, pair));
  };
  return (
    <form
      class="widen pair"
      aria-labelledby="pair-title"
      onSubmit={(e) => {
        e.preventDefault();
        void props.act(() => api('POST', `/requests/${props.requestId}/proposals`, pair));
      }}
    >
      <h3 id="pair-title">{t('pair.title')}</h3>
      <p class="muted">{t('pair.explain')}</p>
      <div>
        <label for="pair-learner">{t('pair.learner')}</label>
        <select id="pair-learner" value={learner} onChange={(e) => setLearner(Number(e.currentTarget.value))}>
          {props.learners.map((id) => (
            <option key={id} value={id}>
              {helperName(id)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="pair-supervisor">{t('pair.supervisor')}</label>
        <select id="pair-supervisor" value={supervisor} onChange={(e) => setSupervisor(Number(e.currentTarget.value))}>
          {props.supervisors.map((id) => (
            <option key={id} value={id}>
              {helperName(id)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary">
        {t('pair.propose')}
      </button>
      <button type="button" onClick={assign}>
        {t('pair.assign')}
      </button>
    </form>
  );
}
