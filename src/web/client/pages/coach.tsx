/**
 * The coach's page: the participants they coach, and each one's file: the plan (the three questions,
 * the period, the hours, the outflow), levels to sign off on observed jobs, workshops attended, and
 * the latest jobs to note the resident's satisfaction and what the coach saw.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LearningFile, Participant } from '../../../learning/learning.schema.js';
import { Message, type MessageValue } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import type { Skill } from '../components/skill-picker.js';
import { type Column, DataTable } from '../components/table.js';
import { api, errorText } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { FileView } from './coach/file.js';

type Row = Participant & { id: number };

function CoachPage() {
  const [participants, setParticipants] = useState<Row[] | null>(null);
  const [skills, setSkills] = useState<Skill[]>([]);
  const [open, setOpen] = useState<LearningFile | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);

  async function refresh(): Promise<void> {
    const list = await api<Participant[]>('GET', '/coach/participants');
    setParticipants(list.map((p) => ({ ...p, id: p.helperId })));
  }

  async function show(helperId: number): Promise<void> {
    try {
      setOpen(await api<LearningFile>('GET', `/helpers/${helperId}/learning`));
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  }

  useEffect(() => {
    refresh().catch((err: unknown) => setMessage({ kind: 'error', text: errorText(err) }));
    api<Skill[]>('GET', '/skills')
      .then(setSkills)
      .catch(() => setSkills([]));
  }, []);

  const columns: ReadonlyArray<Column<Row>> = [
    {
      title: 'helpers.col.name',
      cell: (p) => (
        <button type="button" class="link" onClick={() => void show(p.helperId)}>
          {p.name}
        </button>
      ),
    },
    { title: 'helpers.col.track', cell: (p) => t(`track.${p.track}` as 'track.care') },
    {
      title: 'coach.hours',
      cell: (p) => (p.requiredHours === null ? `${p.hoursDone}` : `${p.hoursDone} / ${p.requiredHours}`),
      numeric: true,
    },
    { title: 'coach.active', cell: (p) => (p.active ? t('helpers.yes') : t('helpers.no')) },
  ];

  return (
    <section aria-labelledby="coach-title">
      <h1 id="coach-title">{t('coach.title')}</h1>
      <Message message={message} />
      {participants === null ? null : participants.length ? (
        <DataTable records={participants} columns={columns} currentId={open?.helperId ?? null} />
      ) : (
        <p>{t('coach.none')}</p>
      )}
      {open ? (
        <FileView
          key={open.helperId}
          file={open}
          skills={skills}
          onChanged={async () => {
            await show(open.helperId);
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}

mountPage(<CoachPage />);
