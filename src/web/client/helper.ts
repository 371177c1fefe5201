/**
 * The helper's page at their personal link, for a phone: proposals to accept or decline in one tap,
 * the schedule with the address, phone and route after accepting, hours to log after a job, and the
 * hours so far. The token in the URL is the helper's only key; the API sees it as a Bearer token.
 */
import type { MyHours, MyJob, MyProposal } from '../../me/me.schema.js';
import type { TextKey } from '../i18n.js';
import { api, errorText, formatDay, formatTime, h, page, t, useBearer } from './common.js';

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const app = document.getElementById('app')!;
const status = h('div', { role: 'status', 'aria-live': 'polite' });
const labels = new Map(Object.entries(page.page === 'helper' ? page.skillLabels : {}));
const DECLINE_REASONS = ['me.reason.time', 'me.reason.far', 'me.reason.ill', 'me.reason.other'] as const;

useBearer(token, () => app.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('me.badLink'))));

function what(skills: readonly string[]): string {
  return skills.map((code) => labels.get(code) ?? code).join(', ');
}

function say(kind: 'notice' | 'error', text: string): void {
  status.replaceChildren(h('p', { class: kind }, text));
}

async function act(run: () => Promise<unknown>, done: TextKey): Promise<void> {
  try {
    await run();
    say('notice', t(done));
  } catch (err) {
    say('error', errorText(err));
  }
  await render();
}

function proposalCard(p: MyProposal): HTMLElement {
  const reasons = h(
    'div',
    { class: 'choices', hidden: true },
    h('p', {}, t('me.declineWhy')),
    ...DECLINE_REASONS.map((reason) =>
      h(
        'button',
        {
          class: 'big',
          onclick: () =>
            void act(() => api('POST', `/proposals/${p.id}/decline`, { reason: t(reason) }), 'me.declined'),
        },
        t(reason),
      ),
    ),
  );
  return h(
    'article',
    { class: 'card job' },
    h('h3', {}, what(p.skills)),
    h('p', {}, `${formatDay(p.start)} ${formatTime(p.start)}–${formatTime(p.end)}`),
    h(
      'p',
      { class: 'muted' },
      `${p.neighbourhood.postcode} ${p.neighbourhood.city ?? ''} · ${t('me.away', { km: p.distanceKm.toFixed(1) })}`,
    ),
    p.description ? h('p', {}, p.description) : null,
    h(
      'p',
      { class: 'countdown' },
      t('me.answerBefore', { time: `${formatDay(p.expiresAt)} ${formatTime(p.expiresAt)}` }),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'primary big',
          onclick: () => void act(() => api('POST', `/proposals/${p.id}/accept`), 'me.accepted'),
        },
        t('me.accept'),
      ),
      h(
        'button',
        {
          class: 'big',
          'aria-expanded': 'false',
          onclick: (e: Event) => {
            reasons.hidden = !reasons.hidden;
            (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!reasons.hidden));
          },
        },
        t('me.decline'),
      ),
    ),
    reasons,
  );
}

function hoursForm(job: MyJob): HTMLElement {
  const id = `job-${job.requestId}`;
  const planned = (Date.parse(job.end) - Date.parse(job.start)) / 3_600_000;
  const hours = h('input', {
    id: `${id}-hours`,
    type: 'number',
    min: 0.25,
    max: 24,
    step: 0.25,
    value: planned,
    required: true,
    inputmode: 'decimal',
  });
  const note = h('input', { id: `${id}-note`, maxlength: 2000 });
  const reciprocity = h('input', { id: `${id}-reciprocity`, maxlength: 500 });
  return h(
    'form',
    {
      class: 'hours-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void act(
          () =>
            api('POST', `/requests/${job.requestId}/complete`, {
              hours: Number(hours.value),
              note: note.value.trim() || undefined,
              reciprocity: reciprocity.value.trim() || undefined,
            }),
          'me.logged',
        );
      },
    },
    h('h4', {}, t('me.logHours')),
    h('label', { for: hours.id }, t('me.hours')),
    hours,
    h('label', { for: note.id }, t('me.note')),
    note,
    h('label', { for: reciprocity.id }, t('me.reciprocity')),
    reciprocity,
    h('button', { type: 'submit', class: 'primary big' }, t('me.save')),
  );
}

function jobCard(job: MyJob, now: number): HTMLElement {
  const r = job.resident;
  const address = r
    ? `${r.address.street ?? ''} ${r.address.houseNumber ?? ''}, ${r.address.postcode} ${r.address.city ?? ''}`
    : '';
  return h(
    'article',
    { class: 'card job' },
    h('h3', {}, what(job.skills)),
    h('p', {}, `${formatDay(job.start)} ${formatTime(job.start)}–${formatTime(job.end)}`),
    r
      ? h('p', {}, h('strong', {}, r.name), h('br'), address)
      : h('p', { class: 'muted' }, `${job.neighbourhood.postcode} ${job.neighbourhood.city ?? ''}`),
    r
      ? h(
          'div',
          { class: 'actions' },
          h(
            'a',
            {
              class: 'button big',
              href: `https://www.google.com/maps/dir/?api=1&destination=${r.location.lat},${r.location.lon}`,
              target: '_blank',
              rel: 'noopener',
            },
            t('me.route'),
          ),
          r.phone
            ? h(
                'a',
                { class: 'button big', href: `tel:${r.phone.replace(/[^\d+]/g, '')}` },
                `${t('me.call')} ${r.phone}`,
              )
            : null,
        )
      : null,
    job.status === 'completed' ? h('p', { class: 'notice' }, t('me.done', { hours: job.hours ?? 0 })) : null,
    job.status === 'assigned' && Date.parse(job.start) <= now ? hoursForm(job) : null,
  );
}

function hoursSection(hours: MyHours): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'hours-title' },
    h('h2', { id: 'hours-title' }, t('me.myHours')),
    h('p', {}, t('me.totalHours', { hours: hours.total, jobs: hours.jobs })),
    hours.byTrack.length
      ? h(
          'div',
          {},
          h('h3', {}, t('me.perTrack')),
          h('ul', {}, ...hours.byTrack.map((x) => h('li', {}, `${t(`track.${x.track}` as TextKey)}: ${x.hours} u`))),
        )
      : null,
    hours.bySkill.length
      ? h(
          'div',
          {},
          h('h3', {}, t('me.perSkill')),
          h('ul', {}, ...hours.bySkill.map((x) => h('li', {}, `${labels.get(x.skill) ?? x.skill}: ${x.hours} u`))),
        )
      : null,
  );
}

async function render(): Promise<void> {
  const [proposals, schedule, hours] = await Promise.all([
    api<MyProposal[]>('GET', '/me/proposals'),
    api<MyJob[]>('GET', '/me/schedule'),
    api<MyHours>('GET', '/me/hours'),
  ]);
  const now = Date.now();
  const upcoming = schedule.filter((job) => job.status === 'assigned');
  const done = schedule.filter((job) => job.status === 'completed').reverse();
  app.replaceChildren(
    h('h1', {}, t('me.title')),
    status,
    h(
      'section',
      { 'aria-labelledby': 'proposals-title' },
      h('h2', { id: 'proposals-title' }, t('me.proposals')),
      ...(proposals.length ? proposals.map(proposalCard) : [h('p', { class: 'muted' }, t('me.noProposals'))]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'schedule-title' },
      h('h2', { id: 'schedule-title' }, t('me.schedule')),
      ...(upcoming.length ? upcoming.map((job) => jobCard(job, now)) : [h('p', { class: 'muted' }, t('me.noJobs'))]),
      ...done.slice(0, 5).map((job) => jobCard(job, now)),
    ),
    hoursSection(hours),
    h(
      'p',
      {},
      h('a', { href: `webcal://${location.host}/h/${encodeURIComponent(token)}/calendar.ics` }, t('me.calendar')),
    ),
  );
}

async function start(): Promise<void> {
  await render();
  // New proposals arrive while the page is open; a helper's phone does not keep a socket.
  // It is not redrawn while the helper is typing hours or choosing a reason.
  setInterval(() => {
    const busy = app.querySelector('form input:focus, .choices:not([hidden])') !== null;
    if (document.visibilityState === 'visible' && !busy) void render().catch(() => undefined);
  }, 30_000);
}

void start().catch((err: unknown) => app.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err))));
