/**
 * The helper's page at their personal link, for a phone: proposals to accept or decline in one tap,
 * the schedule with the address, phone and route after accepting, hours to log after a job, and the
 * hours so far. The token in the URL is the helper's only key; the API sees it as a Bearer token.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MyHours, MyJob, MyProposal } from '../../../me/me.schema.js';
import { ErrorLine, mountPage } from '../components/page.js';
import type { MessageValue } from '../components/forms.js';
import { api, errorText, authorizeWith } from '../lib/api.js';
import { page, t, type TextKey } from '../lib/i18n.js';
import { formatDay, formatTime } from '../lib/time.js';
import { type Learning, LearningSection } from './helper/learning.js';
import type { LearningFile } from '../../../learning/learning.schema.js';
import type { ParticipantWorkshop } from '../../../learning/workshops.schema.js';

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const data = page.page === 'helper' ? page : null;
const labels = new Map(Object.entries(data?.skillLabels ?? {}));
const DECLINE_REASONS = ['me.reason.time', 'me.reason.far', 'me.reason.ill', 'me.reason.other'] as const;
/** "Schaesberg-Oost, 6371 Landgraaf": the buurt when it is known, never the street or house. */
function placeOf(n: MyProposal['neighbourhood']): string {
  const town = `${n.postcode} ${n.city ?? ''}`.trim();
  return n.buurt ? `${n.buurt}, ${town}` : town;
}

/** New proposals arrive while the page is open; a helper's phone does not keep a socket. */
const REFRESH_MS = 30_000;

interface Mine {
  proposals: MyProposal[];
  schedule: MyJob[];
  hours: MyHours;
  learning: Learning;
}

const what = (skills: readonly string[]) => skills.map((code) => labels.get(code) ?? code).join(', ');
const span = (start: string, end: string) => `${formatDay(start)} ${formatTime(start)}–${formatTime(end)}`;

type Act = (run: () => Promise<unknown>, done: TextKey) => Promise<void>;

function ProposalCard({ proposal: p, act }: { proposal: MyProposal; act: Act }) {
  // The reasons are drawn only once "Afwijzen" is pressed: a tap on one declines.
  const [choosing, setChoosing] = useState(false);
  return (
    <article class="card job">
      <h3>{what(p.skills)}</h3>
      <p>{span(p.start, p.end)}</p>
      <p class="muted">{`${placeOf(p.neighbourhood)} · ${t('me.away', { km: p.distanceKm.toFixed(1) })}`}</p>
      {p.description ? <p>{p.description}</p> : null}
      <p class="countdown">{t('me.answerBefore', { time: `${formatDay(p.expiresAt)} ${formatTime(p.expiresAt)}` })}</p>
      {p.alsoAsked > 0 ? <p class="muted">{t('me.firstToAccept', { count: p.alsoAsked })}</p> : null}
      {p.makesRoom ? (
        <p class="room">
          {p.makesRoom.movesTo
            ? t('me.roomMove', {
                what: what(p.makesRoom.job.skills),
                from: span(p.makesRoom.job.start, p.makesRoom.job.end),
                to: span(p.makesRoom.movesTo.start, p.makesRoom.movesTo.end),
              })
            : t('me.roomHandover', {
                what: what(p.makesRoom.job.skills),
                from: span(p.makesRoom.job.start, p.makesRoom.job.end),
              })}
        </p>
      ) : null}
      {p.pair ? (
        <p class="pair">
          {t(p.pair.role === 'learner' ? 'me.pairLearner' : 'me.pairSupervisor')}{' '}
          {p.pair.agreed ? t('me.pairWaiting') : p.pair.partnerAgreed ? t('me.pairPartnerAgreed') : ''}
        </p>
      ) : null}
      <div class="actions">
        <button
          type="button"
          class="primary big"
          onClick={() => void act(() => api('POST', `/proposals/${p.id}/accept`), 'me.accepted')}
        >
          {t('me.accept')}
        </button>
        <button
          type="button"
          class="big"
          aria-expanded={choosing ? 'true' : 'false'}
          onClick={() => setChoosing(!choosing)}
        >
          {t('me.decline')}
        </button>
      </div>
      {choosing ? (
        <div class="choices">
          <p>{t('me.declineWhy')}</p>
          {DECLINE_REASONS.map((reason) => (
            <button
              key={reason}
              type="button"
              class="big"
              onClick={() =>
                void act(() => api('POST', `/proposals/${p.id}/decline`, { reason: t(reason) }), 'me.declined')
              }
            >
              {t(reason)}
            </button>
          ))}
        </div>
      ) : null}
    </article>
  );
}

/** Regular help asks for several dates at once: one tap takes them all (each date also has its own card). */
function SeriesOffer({ dates, act }: { dates: MyProposal[]; act: Act }) {
  const first = dates[0]!;
  return (
    <article class="card job" aria-label={t('me.seriesOffer', { what: what(first.skills), count: dates.length })}>
      <h3>{t('me.seriesOffer', { what: what(first.skills), count: dates.length })}</h3>
      <ul>
        {dates.map((p) => (
          <li key={p.id}>{span(p.start, p.end)}</li>
        ))}
      </ul>
      <p class="muted">{placeOf(first.neighbourhood)}</p>
      <div class="actions">
        <button
          type="button"
          class="primary big"
          onClick={() => void act(() => api('POST', `/me/series/${first.seriesId}/accept`), 'me.acceptedAll')}
        >
          {t('me.acceptAll', { count: dates.length })}
        </button>
      </div>
    </article>
  );
}

/** The proposals of one series, when there are two or more of them. */
function seriesOffers(proposals: readonly MyProposal[]): MyProposal[][] {
  const bySeries = new Map<number, MyProposal[]>();
  for (const p of proposals) {
    if (p.seriesId === null) continue;
    bySeries.set(p.seriesId, [...(bySeries.get(p.seriesId) ?? []), p]);
  }
  return [...bySeries.values()].filter((dates) => dates.length > 1);
}

function HoursForm({ job, act }: { job: MyJob; act: Act }) {
  const id = `job-${job.requestId}`;
  const planned = (Date.parse(job.end) - Date.parse(job.start)) / 3_600_000;
  const [hours, setHours] = useState(String(planned));
  const [note, setNote] = useState('');
  const [reciprocity, setReciprocity] = useState('');
  return (
    <form
      class="hours-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () =>
            api('POST', `/requests/${job.requestId}/complete`, {
              hours: Number(hours),
              note: note.trim() || undefined,
              reciprocity: reciprocity.trim() || undefined,
            }),
          'me.logged',
        );
      }}
    >
      <h4>{t('me.logHours')}</h4>
      <label for={`${id}-hours`}>{t('me.hours')}</label>
      <input
        id={`${id}-hours`}
        type="number"
        min={0.25}
        max={24}
        step={0.25}
        required
        inputMode="decimal"
        value={hours}
        onInput={(e) => setHours(e.currentTarget.value)}
      />
      <label for={`${id}-note`}>{t('me.note')}</label>
      <input id={`${id}-note`} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <label for={`${id}-reciprocity`}>{t('me.reciprocity')}</label>
      <input
        id={`${id}-reciprocity`}
        maxLength={500}
        value={reciprocity}
        onInput={(e) => setReciprocity(e.currentTarget.value)}
      />
      <button type="submit" class="primary big">
        {t('me.save')}
      </button>
    </form>
  );
}

function JobCard({ job, now, act }: { job: MyJob; now: number; act: Act }) {
  const r = job.resident;
  return (
    <article class="card job">
      <h3>{what(job.skills)}</h3>
      <p>{span(job.start, job.end)}</p>
      {job.pair ? (
        <p class="pair">
          {t(job.pair.role === 'learner' ? 'me.pairWithSupervisor' : 'me.pairWithLearner', {
            name: job.pair.partnerName,
          })}
        </p>
      ) : null}
      {r ? (
        <p>
          <strong>{r.name}</strong>
          <br />
          {`${r.address.street ?? ''} ${r.address.houseNumber ?? ''}, ${r.address.postcode} ${r.address.city ?? ''}`}
        </p>
      ) : (
        <p class="muted">{placeOf(job.neighbourhood)}</p>
      )}
      {r ? (
        <div class="actions">
          <a
            class="button big"
            href={`https://www.google.com/maps/dir/?api=1&destination=${r.location.lat},${r.location.lon}`}
            target="_blank"
            rel="noopener"
          >
            {t('me.route')}
          </a>
          {r.phone ? (
            <a class="button big" href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>
              {`${t('me.call')} ${r.phone}`}
            </a>
          ) : null}
        </div>
      ) : null}
      {job.status === 'completed' ? <p class="notice">{t('me.done', { hours: job.hours ?? 0 })}</p> : null}
      {job.status === 'assigned' && Date.parse(job.start) <= now ? <HoursForm job={job} act={act} /> : null}
    </article>
  );
}

function HoursSection({ hours }: { hours: MyHours }) {
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">{t('me.myHours')}</h2>
      <p>{t('me.totalHours', { hours: hours.total, jobs: hours.jobs })}</p>
      {hours.byTrack.length ? (
        <div>
          <h3>{t('me.perTrack')}</h3>
          <ul>
            {hours.byTrack.map((x) => (
              <li key={x.track}>{`${t(`track.${x.track}` as TextKey)}: ${x.hours} u`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {hours.bySkill.length ? (
        <div>
          <h3>{t('me.perSkill')}</h3>
          <ul>
            {hours.bySkill.map((x) => (
              <li key={x.skill}>{`${labels.get(x.skill) ?? x.skill}: ${x.hours} u`}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function HelperPage() {
  const [mine, setMine] = useState<Mine | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);

  const load = useCallback(async () => {
    const [proposals, schedule, hours, file, workshops] = await Promise.all([
      api<MyProposal[]>('GET', '/me/proposals'),
      api<MyJob[]>('GET', '/me/schedule'),
      api<MyHours>('GET', '/me/hours'),
      api<LearningFile>('GET', '/me/learning'),
      api<ParticipantWorkshop[]>('GET', '/me/workshops'),
    ]);
    setMine({ proposals, schedule, hours, learning: { file, workshops } });
  }, []);

  useEffect(() => {
    authorizeWith(token, () => setFailure(t('me.badLink')));
    load().catch((err: unknown) => setFailure(errorText(err)));
    // What the helper is typing or choosing lives in its card's own state, so a redraw keeps it.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load().catch(() => undefined);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const act: Act = async (run, done) => {
    try {
      await run();
      setMessage({ kind: 'notice', text: t(done) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
    await load().catch((err: unknown) => setMessage({ kind: 'error', text: errorText(err) }));
  };

  if (failure) return <ErrorLine text={failure} />;
  if (!mine) return <p>{t('me.title')}…</p>;
  const now = Date.now();
  const upcoming = mine.schedule.filter((job) => job.status === 'assigned');
  const done = mine.schedule.filter((job) => job.status === 'completed').reverse();
  return (
    <>
      <h1>{t('me.title')}</h1>
      <p class="hello">{t('me.hello', { name: data?.helperName ?? '' })}</p>
      <div role="status" aria-live="polite">
        {message ? <p class={message.kind}>{message.text}</p> : null}
      </div>
      <section aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t('me.proposals')}</h2>
        {seriesOffers(mine.proposals).map((dates) => (
          <SeriesOffer key={dates[0]!.seriesId} dates={dates} act={act} />
        ))}
        {mine.proposals.length ? (
          mine.proposals.map((p) => <ProposalCard key={p.id} proposal={p} act={act} />)
        ) : (
          <p class="muted">{t('me.noProposals')}</p>
        )}
      </section>
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t('me.schedule')}</h2>
        {upcoming.length ? (
          upcoming.map((job) => <JobCard key={job.requestId} job={job} now={now} act={act} />)
        ) : (
          <p class="muted">{t('me.noJobs')}</p>
        )}
        {done.slice(0, 5).map((job) => (
          <JobCard key={job.requestId} job={job} now={now} act={act} />
        ))}
      </section>
      <HoursSection hours={mine.hours} />
      <LearningSection learning={mine.learning} labels={labels} token={token} />
      <p>
        <a href={`${location.origin}/h/${encodeURIComponent(token)}/calendar.ics`}>{t('me.calendar')}</a>
      </p>
    </>
  );
}

mountPage(<HelperPage />);
