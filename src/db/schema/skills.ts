import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TRACKS } from '../../domain.js';

export const skills = sqliteTable('skills', {
  code: text('code').primaryKey(),
  track: text('track', { enum: TRACKS }).notNull(),
  labelNl: text('label_nl').notNull(),
  labelEn: text('label_en').notNull(),
});
