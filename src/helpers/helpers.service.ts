import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { notFound } from '../errors.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { presentHelper } from './helpers.presenter.js';
import {
  findHelper,
  type HelperFilter,
  insertHelper,
  listHelpers,
  type NewHelperRow,
  updateHelper,
} from './helpers.repo.js';
import type { Helper, HelperCreate, HelperPatch } from './helpers.schema.js';

function columnsOf(input: HelperPatch): Partial<NewHelperRow> {
  const { location, ...rest } = input;
  return { ...rest, ...(location ? { lat: location.lat, lon: location.lon } : {}) };
}

export function createHelpersService(deps: {
  db: Db;
  work: UnitOfWork;
  skills: SkillsService;
  proposals: ProposalsService;
}) {
  const { db, work, skills, proposals } = deps;
  return {
    create(input: HelperCreate, actor: string): Helper {
      skills.assertKnown(input.skills);
      return work(actor, ({ tx, record, now }) => {
        const row = insertHelper(tx, {
          travelMode: 'cycling',
          availability: [],
          absences: [],
          languages: ['nl'],
          ...columnsOf(input),
          name: input.name,
          kind: input.kind,
          track: input.track,
          skills: input.skills,
          lat: input.location.lat,
          lon: input.location.lon,
          maxTravelKm: input.maxTravelKm,
          createdAt: now,
          updatedAt: now,
        });
        record('helper.created', { helperId: row.id });
        return presentHelper(row);
      });
    },

    update(id: number, patch: HelperPatch, actor: string): Helper {
      if (patch.skills) skills.assertKnown(patch.skills);
      return work(actor, (w) => {
        const { tx, record, now } = w;
        const row = updateHelper(tx, id, { ...columnsOf(patch), updatedAt: now });
        if (!row) throw notFound('helper', id);
        record('helper.updated', { helperId: row.id, active: row.active });
        if (!row.active) proposals.withdrawFromHelperIn(w, row.id, 'the helper was deactivated');
        return presentHelper(row);
      });
    },

    /** Helpers are never deleted: their past work is part of residents' and schools' records. */
    deactivate(id: number, actor: string): Helper {
      return this.update(id, { active: false }, actor);
    },

    get(id: number): Helper {
      const row = findHelper(db, id);
      if (!row) throw notFound('helper', id);
      return presentHelper(row);
    },

    list(filter: HelperFilter): Helper[] {
      return listHelpers(db, filter).map(presentHelper);
    },
  };
}

export type HelpersService = ReturnType<typeof createHelpersService>;
