import { and, asc, count, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { workshopAttendance, workshops } from '../db/schema/index.js';
import { TRACKS, type Track } from '../domain.js';
import { DEFAULT_WORKSHOPS } from './workshops.catalogue.js';

export type WorkshopRow = typeof workshops.$inferSelect;
export type AttendanceRow = typeof workshopAttendance.$inferSelect;

/** Seeds a track's ten workshops once, when it has none: edits made since are kept. */
export function seedWorkshops(db: Queryable): void {
  for (const track of TRACKS) {
    const { n } = db.select({ n: count() }).from(workshops).where(eq(workshops.track, track)).get()!;
    if (n > 0) continue;
    db.insert(workshops)
      .values(DEFAULT_WORKSHOPS[track].map((title, i) => ({ track, title, position: i + 1 })))
      .run();
  }
}

export function listWorkshops(db: Queryable, track?: Track): WorkshopRow[] {
  return db
    .select()
    .from(workshops)
    .where(track ? eq(workshops.track, track) : undefined)
    .orderBy(asc(workshops.track), asc(workshops.position), asc(workshops.id))
    .all();
}

export function findWorkshop(db: Queryable, id: number): WorkshopRow | undefined {
  return db.select().from(workshops).where(eq(workshops.id, id)).get();
}

export function insertWorkshop(db: Queryable, row: typeof workshops.$inferInsert): WorkshopRow {
  return db.insert(workshops).values(row).returning().get();
}

export function updateWorkshop(
  db: Queryable,
  id: number,
  patch: Partial<typeof workshops.$inferInsert>,
): WorkshopRow | undefined {
  return db.update(workshops).set(patch).where(eq(workshops.id, id)).returning().get();
}

export function attendanceOf(db: Queryable, helperId: number): AttendanceRow[] {
  return db.select().from(workshopAttendance).where(eq(workshopAttendance.helperId, helperId)).all();
}

export function saveAttendance(db: Queryable, row: AttendanceRow): void {
  db.insert(workshopAttendance)
    .values(row)
    .onConflictDoUpdate({
      target: [workshopAttendance.helperId, workshopAttendance.workshopId],
      set: { attendedOn: row.attendedOn, actor: row.actor },
    })
    .run();
}

export function deleteAttendance(db: Queryable, helperId: number, workshopId: number): void {
  db.delete(workshopAttendance)
    .where(and(eq(workshopAttendance.helperId, helperId), eq(workshopAttendance.workshopId, workshopId)))
    .run();
}
