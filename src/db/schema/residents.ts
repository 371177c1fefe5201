import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { placeColumns } from './addresses.js';

export const residents = sqliteTable(
  'residents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    phone: text('phone'),
    street: text('street'),
    houseNumber: text('house_number'),
    postcode: text('postcode').notNull(),
    city: text('city'),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    ...placeColumns(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    excludedHelperIds: text('excluded_helper_ids', { mode: 'json' }).$type<number[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** When the retention job erased this resident's personal data; the row stays for the statistics. */
    erasedAt: integer('erased_at'),
  },
  (t) => [index('residents_postcode').on(t.postcode), index('residents_phone').on(t.phone)],
);
