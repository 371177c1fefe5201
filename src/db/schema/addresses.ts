import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCATION_SOURCES } from '../../addresses/addresses.types.js';

/**
 * The address and place columns residents and helpers share: made per table, since a column
 * builder belongs to one table.
 */
export function placeColumns() {
  return {
    houseNumberAddition: text('house_number_addition'),
    locationSource: text('location_source', { enum: LOCATION_SOURCES }).notNull().default('manual'),
    wijkCode: text('wijk_code'),
    wijkName: text('wijk_name'),
    buurtCode: text('buurt_code'),
    buurtName: text('buurt_name'),
  };
}

/**
 * Every answer of the geocoder, by what was asked ("find:6371AB:12:", "suggest:6371A"), so an
 * address is asked once. `answer` is the JSON the adapter returned, already in our shape.
 */
export const geocoderCache = sqliteTable('geocoder_cache', {
  key: text('key').primaryKey(),
  answer: text('answer', { mode: 'json' }).notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});

/**
 * The imported PC6 ("6371AB") or PC4 ("6371") centroids: where an address is placed when the
 * geocoder is off or unreachable.
 */
export const postcodeCentroids = sqliteTable('postcode_centroids', {
  postcode: text('postcode').primaryKey(),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
  city: text('city'),
  street: text('street'),
  wijkCode: text('wijk_code'),
  wijkName: text('wijk_name'),
  buurtCode: text('buurt_code'),
  buurtName: text('buurt_name'),
  importedAt: integer('imported_at').notNull(),
});
