/** A request's detail: the facts, its proposals, the candidates with their score breakdown, and actions. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Candidates } from '../../../../candidates/candidates.schema.js';
import type { ExclusionReason } from '../../../../domain.js';
import type { PhoneList, Proposal } from '../../../../proposals/proposals.schema.js';
import type { HelpRequest } from '../../../../requests/requests.schema.js';
import type { Resident } from '../../../../residents/residents.schema.js';
import { addressLine } from '../../components/address.js';
import { Dialog } from '../../components/dialog.js';
import { UrgencyBadge } from '../../components/request-card.js';
import { api, errorText } from '../../lib/api.js';
import { t, type TextKey } from '../../lib/i18n.js';
import { reasonSummary } from '../../lib/reasons.js';
import { amsterdamIso, formatTime, formatWindow, localDate, localTime } from '../../lib/time.js';
import * as store from '../../store.js';
import { learnersOf, PairForm } from './pair.js';
import { helperArea, helperName, skillLabels } from './view.js';

type Candidate = Candidates['candidates'][number];

/** A phone number as typed, dialled by a tap: "045 531 2345" → tel:0455312345. */
function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>;
}

type No = 'declined' | 'expired' | 'released';
const NO: ReadonlySet<Proposal['status']> = new Set<No>(['declined', 'expired', 'released']);

/** The helpers who declined this request, let it expire or could not come after all, with which (the last). */
function answeredNo(proposals: readonly Proposal[]): Map<number, No> {
  const no = new Map<number, No>();
  for (const p of proposals) if (NO.has(p.status)) no.set(p.helperId, p.status as No);
  return no;
}

interface Loaded {
  request: HelpRequest;
  resident: Resident;
  ranking: Candidates;
  proposals: Proposal[];
  /** For a request flagged for a dispatcher: who could come now, with their phones. */
  phoneList: PhoneList | null;
}

/** A flagged request: the dispatcher phones down this list, best first, those who declined last. */
function PhoneListSection(props: { list: PhoneList }) {
  return (
    <section aria-labelledby="phone-list-title">
      <h3 id="phone-list-title">{t('detail.phoneList')}</h3>
      {props.list.helpers.length ? (
        <ul class="phone-list">
          {props.list.helpers.map((h) => (
            <li key={h.helperId}>
              {`${h.name} · `}
              {h.phone ? <PhoneLink phone={h.phone} /> : t('detail.noPhone')}
              {h.asked ? <span class="badge">{t(`proposal.${h.asked}`)}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('detail.noCandidates')}</p>
      )}
    </section>
  );
}

/** What a dispatcher may set aside when a helper agrees by phone (the API's assign override). */
const OVERRIDABLE: ReadonlySet<ExclusionReason> = new Set(['availability', 'distance', 'hours']);

/**
 * The helpers left out only for their hours, reach or weekly cap, with their phone: one of them may
 * come anyway. Assigning one asks why, and the reason stays on the request for the office.
 */
function OutsideMatching(props: {
  excluded: Candidates['excluded'];
  act: (run: () => Promise<unknown>) => Promise<void>;
  requestId: number;
}) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [why, setWhy] = useState('');
  const phoneable = props.excluded
    .filter((e) => e.reasons.length > 0 && e.reasons.every((r) => OVERRIDABLE.has(r)))
    .slice(0, 8);
  if (phoneable.length === 0) return null;
  return (
    <section class="outside" aria-labelledby="outside-title">
      <h3 id="outside-title">{t('detail.outsideTitle')}</h3>
      <ul>
        {phoneable.map((e) => {
          const phone = store.helpers.value.get(e.helperId)?.phone;
          return (
            <li key={e.helperId}>
              {helperName(e.helperId)}
              {phone ? (
                <>
                  {' · '}
                  <PhoneLink phone={phone} />
                </>
              ) : null}
              <span class="muted">{` · ${e.reasons.map((r) => t(`outside.${r as 'availability'}`)).join(', ')}`}</span>{' '}
              <button type="button" onClick={() => setChosen(e.helperId)} aria-pressed={chosen === e.helperId}>
                {t('detail.override')}
              </button>
            </li>
          );
        })}
      </ul>
      {chosen === null ? null : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const override = { reason: why.trim() };
            void props.act(() => api('POST', `/requests/${props.requestId}/assign`, { helperId: chosen, override }));
          }}
        >
          <label for="override-reason">{t('detail.overrideReason', { name: helperName(chosen) })}</label>
          <input
            id="override-reason"
            required
            maxLength={500}
            value={why}
            onInput={(e) => setWhy(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {t('detail.overrideAssign', { name: helperName(chosen) })}
          </button>
        </form>
      )}
    </section>
  );
}

function Breakdown({ breakdown }: { breakdown: Candidate['breakdown'] }) {
  return (
    <span class="breakdown">
      {Object.entries(breakdown).map(([criterion, part]) => (
        <span key={criterion}>{`${t(`criterion.${criterion}` as TextKey)} ${part.points.toFixed(0)}`}</span>
      ))}
    </span>
  );
}

/**
 * An assigned job, for a dispatcher: log it done with the hours once it has begun, or take it back
 * when the helper cannot come (it then goes to the next best at once).
 */
function AssignedActions(props: { request: HelpRequest; act: (run: () => Promise<unknown>) => Promise<void> }) {
  const { request, act } = props;
  const [hours, setHours] = useState(String(request.durationMinutes / 60));
  const [why, setWhy] = useState('');
  const begun = Date.parse((request.scheduled ?? request.window).start) <= Date.now();
  return (
    <section class="assigned-actions">
      <h3>{t('detail.assignedTitle')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => api('POST', `/requests/${request.id}/complete`, { hours: Number(hours) }));
        }}
      >
        <label for="done-hours">{t('detail.doneHours')}</label>
        <input
          id="done-hours"
          type="number"
          min="0.25"
          step="0.25"
          required
          disabled={!begun}
          aria-describedby={begun ? undefined : 'done-hint'}
          value={hours}
          onInput={(e) => setHours(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={!begun}>
          {t('detail.done')}
        </button>
        {begun ? null : (
          <p id="done-hint" class="hint">
            {t('detail.doneLater')}
          </p>
        )}
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const body = why.trim() ? { reason: why.trim() } : {};
          void act(() => api('POST', `/requests/${request.id}/reassign`, body));
        }}
      >
        <label for="reassign-reason">{t('detail.reassignReason')}</label>
        <input id="reassign-reason" maxLength={500} value={why} onInput={(e) => setWhy(e.currentTarget.value)} />
        <button type="submit">{t('detail.reassign')}</button>
      </form>
    </section>
  );
}

interface DayTime {
  day: string;
  time: string;
}

/** A local day and time of day, as two inputs under one label. */
function DayAndTime(props: {
  id: string;
  label: string;
  timeLabel: string;
  value: DayTime;
  onChange: (v: DayTime) => void;
}) {
  const { value, onChange } = props;
  return (
    <>
      <label for={`${props.id}-day`}>{props.label}</label>
      <input
        id={`${props.id}-day`}
        type="date"
        required
        value={value.day}
        onInput={(e) => onChange({ ...value, day: e.currentTarget.value })}
      />
      <input
        id={`${props.id}-time`}
        type="time"
        required
        aria-label={props.timeLabel}
        value={value.time}
        onInput={(e) => onChange({ ...value, time: e.currentTarget.value })}
      />
    </>
  );
}

/** A wider window for a request nobody fits: from an earlier time (or day) to a later one. */
function Widen(props: { request: HelpRequest; act: (run: () => Promise<unknown>) => Promise<void> }) {
  const { request } = props;
  const at = (iso: string): DayTime => ({ day: localDate(Date.parse(iso)), time: localTime(Date.parse(iso)) });
  const [from, setFrom] = useState(() => at(request.window.start));
  const [to, setTo] = useState(() => at(request.window.end));
  return (
    <form
      class="widen"
      aria-labelledby="widen-title"
      onSubmit={(e) => {
        e.preventDefault();
        const window = { start: amsterdamIso(from.day, from.time), end: amsterdamIso(to.day, to.time) };
        void props.act(() => api('POST', `/requests/${request.id}/widen`, { window }));
      }}
    >
      <h3 id="widen-title">{t('detail.widenTitle')}</h3>
      <DayAndTime
        id="widen-from"
        label={t('detail.widenFrom')}
        timeLabel={t('detail.widenFromTime')}
        value={from}
        onChange={setFrom}
      />
      <DayAndTime
        id="widen-to"
        label={t('detail.widenTo')}
        timeLabel={t('detail.widenToTime')}
        value={to}
        onChange={setTo}
      />
      <button type="submit" class="primary">
        {t('detail.widen')}
      </button>
    </form>
  );
}

/** An open request nobody can do in one go, split into shorter jobs in the same window. */
function Split(props: { request: HelpRequest; act: (run: () => Promise<unknown>) => Promise<void> }) {
  const { request } = props;
  const [parts, setParts] = useState(2);
  const each = Math.floor(request.durationMinutes / parts / 5) * 5;
  return (
    <form
      class="widen"
      aria-labelledby="split-title"
      onSubmit={(e) => {
        e.preventDefault();
        void props.act(() => api('POST', `/requests/${request.id}/split`, { parts }));
      }}
    >
      <h3 id="split-title">{t('detail.splitTitle')}</h3>
      <label for="split-parts">{t('detail.splitParts')}</label>
      <select id="split-parts" value={String(parts)} onChange={(e) => setParts(Number(e.currentTarget.value))}>
        {[2, 3, 4].map((n) => (
          <option key={n} value={String(n)}>
            {t('detail.splitInto', { n, minutes: Math.floor(request.durationMinutes / n / 5) * 5 })}
          </option>
        ))}
      </select>
      <button type="submit" disabled={each < 15}>
        {t('detail.split')}
      </button>
    </form>
  );
}

export function Detail(props: { requestId: number; mayChoose: boolean; onClose: () => void }) {
  const { requestId, mayChoose } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const residentRef = useRef<Resident | null>(null);

  const load = useCallback(async () => {
    const [request, ranking, proposals] = await Promise.all([
      api<HelpRequest>('GET', `/requests/${requestId}`),
      api<Candidates>('GET', `/requests/${requestId}/candidates`),
      api<Proposal[]>('GET', `/requests/${requestId}/proposals`),
    ]);
    // The resident's phone and street: read (and so logged) once, when someone opens the request.
    const known = residentRef.current;
    const resident =
      known?.id === request.residentId ? known : await api<Resident>('GET', `/residents/${request.residentId}`);
    residentRef.current = resident;
    const flagged = request.needsDispatcher && mayChoose;
    const phoneList = flagged ? await api<PhoneList>('GET', `/requests/${requestId}/phone-list`) : null;
    store.knownRequest(request);
    setLoaded({ request, resident, ranking, proposals, phoneList });
  }, [requestId, mayChoose]);

  useEffect(() => {
    load().catch((err: unknown) => setMessage(errorText(err)));
  }, [load]);

  // Another screen (or the helper) changed this request: show it as it is now.
  const event = store.lastEvent.value;
  useEffect(() => {
    if ((event?.data as { requestId?: number } | undefined)?.requestId === requestId) load().catch(() => undefined);
  }, [event, requestId, load]);

  async function act(run: () => Promise<unknown>) {
    setMessage(null);
    try {
      await run();
      await load();
    } catch (err) {
      setMessage(errorText(err));
    }
  }

  const title = t('detail.title', { id: requestId });
  if (!loaded) {
    return (
      <Dialog titleId="detail-title" title={title} onClose={props.onClose}>
        {message ? (
          <p class="error" role="alert">
            {message}
          </p>
        ) : null}
      </Dialog>
    );
  }
  const { request, resident, ranking, proposals, phoneList } = loaded;
  const live = request.status === 'open' || request.status === 'proposed';
  const proposedTo = new Set(proposals.filter((p) => p.status === 'proposed').map((p) => p.helperId));
  const answered = answeredNo(proposals);
  // Who said no or let it pass goes last: ask the others first.
  const candidates = [
    ...ranking.candidates.filter((c) => !answered.has(c.helperId)),
    ...ranking.candidates.filter((c) => answered.has(c.helperId)),
  ].slice(0, 10);
  const why = reasonSummary(ranking.excluded);
  // Only a helper not yet asked can be half of a new pair.
  const learners = learnersOf(ranking).filter((id) => !proposedTo.has(id));
  const supervisors = candidates.map((c) => c.helperId).filter((id) => !proposedTo.has(id));
  const propose = (c: Candidate) =>
    act(() => api('POST', `/requests/${requestId}/proposals`, { helperId: c.helperId }));
  const assign = (c: Candidate) => {
    if (confirm(t('detail.assignConfirm', { name: helperName(c.helperId) })))
      void act(() => api('POST', `/requests/${requestId}/assign`, { helperId: c.helperId }));
  };

  return (
    <Dialog titleId="detail-title" title={title} onClose={props.onClose}>
      <dl class="facts">
        <dt>{t('detail.resident')}</dt>
        <dd>
          {`${resident.name} · ${addressLine(resident.address)}`}
          {resident.phone ? (
            <>
              {' · '}
              <PhoneLink phone={resident.phone} />
            </>
          ) : null}
        </dd>
        <dt>{t('detail.what')}</dt>
        <dd>
          {skillLabels(request)} <UrgencyBadge urgency={request.urgency} />
        </dd>
        <dt>{t('detail.when')}</dt>
        <dd>{`${formatWindow(request.scheduled ?? request.window)} (${request.durationMinutes} min)`}</dd>
        <dt>{t('detail.status')}</dt>
        <dd>
          {t(`status.${request.status}`)}
          {request.supervisorHelperId !== null
            ? ` · ${t('card.pair', { learner: helperName(request.helperId), supervisor: helperName(request.supervisorHelperId) })}`
            : request.helperId
              ? ` · ${helperName(request.helperId)}`
              : ''}
        </dd>
        {request.usualHelperId !== null ? (
          <>
            <dt>{t('detail.notUsual')}</dt>
            <dd class="flag">{t('detail.notUsualText', { name: helperName(request.usualHelperId) })}</dd>
          </>
        ) : null}
        {request.overrideReason ? (
          <>
            <dt>{t('detail.overridden')}</dt>
            <dd>{request.overrideReason}</dd>
          </>
        ) : null}
        {request.description ? (
          <>
            <dt>{t('detail.note')}</dt>
            <dd>{request.description}</dd>
          </>
        ) : null}
      </dl>
      <p role="alert" class={message ? 'error' : undefined}>
        {message}
      </p>
      {phoneList && live ? <PhoneListSection list={phoneList} /> : null}
      {proposals.length ? (
        <section>
          <h3>{t('detail.proposals')}</h3>
          <ul>
            {proposals.map((p) => (
              <li key={p.id}>
                {`${helperName(p.helperId)}: ${t(`proposal.${p.status}`)}`}
                {p.declineReason ? ` (${p.declineReason})` : ''}
                {p.makesRoom ? (
                  <span class="room">
                    {` · ${
                      p.makesRoom.start !== null && p.makesRoom.end !== null
                        ? t('detail.roomMove', {
                            id: p.makesRoom.requestId,
                            to: formatWindow({ start: p.makesRoom.start, end: p.makesRoom.end }),
                          })
                        : t('detail.roomHandover', { id: p.makesRoom.requestId })
                    }`}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {live ? (
        <section>
          <h3>{t('detail.candidates')}</h3>
          {ranking.candidates.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('nav.helpers')}</th>
                  <th class="num">{t('detail.scoreOf')}</th>
                  <th class="num">{t('detail.distance')}</th>
                  <th>{t('detail.when')}</th>
                  <th>
                    <span class="sr-only">{t('detail.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.helperId} class={answered.has(c.helperId) ? 'answered' : undefined}>
                    <td>
                      {helperName(c.helperId)}
                      {helperArea(c.helperId) ? <span class="muted">{` · ${helperArea(c.helperId)}`}</span> : null}
                      {answered.has(c.helperId) ? (
                        <span class="badge">{t(`detail.answered.${answered.get(c.helperId)!}`)}</span>
                      ) : null}
                      <br />
                      <Breakdown breakdown={c.breakdown} />
                    </td>
                    <td class="num">{c.score.toFixed(0)}</td>
                    <td class="num">{`${c.distanceKm.toFixed(1)} km`}</td>
                    <td>{formatTime(c.start)}</td>
                    <td class="actions">
                      {!props.mayChoose || proposedTo.has(c.helperId) || answered.has(c.helperId) ? null : (
                        <button type="button" onClick={() => void propose(c)}>
                          {t('detail.propose')}
                        </button>
                      )}
                      {props.mayChoose ? (
                        <button type="button" onClick={() => assign(c)}>
                          {t('detail.assign')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="error">{t('detail.noCandidates')}</p>
          )}
          {why ? (
            <p class="why">
              {ranking.candidates.length ? t('detail.whyOthers', { reasons: why }) : t('detail.why', { reasons: why })}
            </p>
          ) : null}
          {ranking.candidates.length ? null : <p>{t('detail.nextStep')}</p>}
          {props.mayChoose && !ranking.candidates.length ? <Widen request={request} act={act} /> : null}
          {props.mayChoose && !ranking.candidates.length && request.status === 'open' ? (
            <Split request={request} act={act} />
          ) : null}
          {props.mayChoose && learners.length && supervisors.length ? (
            <PairForm requestId={requestId} learners={learners} supervisors={supervisors} act={act} />
          ) : null}
          {props.mayChoose ? <OutsideMatching excluded={ranking.excluded} act={act} requestId={requestId} /> : null}
        </section>
      ) : null}
      {request.status === 'assigned' && props.mayChoose ? <AssignedActions request={request} act={act} /> : null}
      {request.status !== 'completed' && request.status !== 'cancelled' ? (
        <form
          class="cancel-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api('POST', `/requests/${requestId}/cancel`, { reason }));
          }}
        >
          <div>
            <label for="cancel-reason">{t('detail.cancelReason')}</label>
            <input
              id="cancel-reason"
              required
              maxLength={500}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="danger">
            {t('detail.cancel')}
          </button>
        </form>
      ) : null}
    </Dialog>
  );
}
