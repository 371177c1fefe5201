import { primaryKey, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { requests } from './requests.js';

/**
 * One row per skill a request asks for: what the reports group by skill through, reading the window
 * index and this primary key alone instead of the JSON of every request. Database triggers (migration
 * 0019) keep it in step with `requests.skills` on every insert and every change of the skills, so no
 * write path, a script's plain SQL included, can leave it behind.
 */
export const requestSkills = sqliteTable(
  'request_skills',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    skill: text('skill').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.skill] })],
);
