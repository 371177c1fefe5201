import { once } from '../idempotency/idempotency.js';
import type { Identity } from '../auth/auth.types.js';
import { actorOf } from '../auth/auth.types.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Track } from '../domain.js';
import { AppError, notFound } from '../errors.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { mayCoach, sightOf } from './learning.access.js';
import { findPlan } from './learning.repo.js';
import {
  attendanceOf,
  deleteAttendance,
  findWorkshop,
  insertWorkshop,
  listWorkshops,
  saveAttendance,
  seedWorkshops,
  updateWorkshop,
  type WorkshopRow,
} from './workshops.repo.js';
import type { Attendance, ParticipantWorkshop, Workshop, WorkshopCreate, WorkshopPatch } from './workshops.schema.js';

const present = (row: WorkshopRow): Workshop => ({ ...row });

export function createWorkshopsService(deps: { db: Db; work: UnitOfWork }) {
  const { db, work } = deps;
  seedWorkshops(db);

  /** The workshops of the participant's track (and any other they attended), in order, with the dates. */
  function ofHelper(helperId: number, track: Track): ParticipantWorkshop[] {
    const attended = new Map(attendanceOf(db, helperId).map((a) => [a.workshopId, a.attendedOn]));
    return listWorkshops(db)
      .filter((w) => (w.track === track && w.active) || attended.has(w.id))
      .sort((a, b) => Number(b.track === track) - Number(a.track === track) || a.position - b.position)
      .map((w) => ({ id: w.id, title: w.title, position: w.position, attendedOn: attended.get(w.id) ?? null }));
  }

  return {
    list: (track?: Track): Workshop[] => listWorkshops(db, track).map(present),

    /** Adds a workshop; with an idempotency key, a retry of the same body returns the first reply. */
    create(input: WorkshopCreate, actor: string, idempotencyKey?: string): Workshop {
      return work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createWorkshop', body: input }, () => {
          const last = listWorkshops(w.tx, input.track).reduce((max, row) => Math.max(max, row.position), 0);
          return present(insertWorkshop(w.tx, { ...input, position: input.position ?? last + 1 }));
        }),
      );
    },

    update(id: number, patch: WorkshopPatch, actor: string): Workshop {
      return work(actor, ({ tx }) => {
        // An empty patch changes nothing: the workshop as it is.
        const row = Object.keys(patch).length > 0 ? updateWorkshop(tx, id, patch) : findWorkshop(tx, id);
        if (!row) throw notFound('workshop', id);
        return present(row);
      });
    },

    participant(identity: Identity, helperId: number): ParticipantWorkshop[] {
      const helper = findHelper(db, helperId);
      if (!helper || !sightOf(identity, helperId, findPlan(db, helperId))) throw notFound('helper', helperId);
      return ofHelper(helperId, helper.track);
    },

    /** The coach notes that the participant attended a workshop, or takes it back (`attendedOn` null). */
    attend(identity: Identity, helperId: number, input: Attendance): ParticipantWorkshop[] {
      const helper = findHelper(db, helperId);
      if (!helper || !mayCoach(identity, findPlan(db, helperId))) throw notFound('helper', helperId);
      if (!findWorkshop(db, input.workshopId))
        throw new AppError('validation_failed', 'no such workshop', [
          { field: 'workshopId', message: 'unknown workshop' },
        ]);
      work(actorOf(identity), ({ tx }) => {
        if (input.attendedOn === null) deleteAttendance(tx, helperId, input.workshopId);
        else
          saveAttendance(tx, {
            helperId,
            workshopId: input.workshopId,
            attendedOn: input.attendedOn,
            actor: actorOf(identity),
          });
      });
      return ofHelper(helperId, helper.track);
    },
  };
}

export type WorkshopsService = ReturnType<typeof createWorkshopsService>;
