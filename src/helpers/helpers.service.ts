import type { AddressesService } from '../addresses/addresses.service.js';
import type { Place } from '../addresses/addresses.types.js';
import { placeColumnsOf, placeOf } from '../addresses/place.js';
import { revokeHelperTokens } from '../auth/auth.repo.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork, Work } from '../db/unit-of-work.js';
import { once } from '../idempotency/idempotency.js';
import { AppError, notFound } from '../errors.js';
import type { LearningService } from '../learning/learning.service.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { eraseHelper } from '../retention/retention.repo.js';
import type { SkillsService } from '../skills/skills.service.js';
import { codeOf, splitSkills } from './helper-skills.js';
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

function columnsOf(input: HelperPatch, place: Place | null): Partial<NewHelperRow> {
  const { address: _address, location: _location, skills: given, ...rest } = input;
  const skills = given ? splitSkills(given) : undefined;
  return {
    ...rest,
    ...(skills ? { skills: skills.codes, skillLevels: skills.levels } : {}),
    ...placeColumnsOf(input, place),
  };
}

const pinOrAddressIssue = {
  field: 'location',
  message: 'give a location, or an address with postcode and house number to look up',
};

export function createHelpersService(deps: {
  db: Db;
  work: UnitOfWork;
  skills: SkillsService;
  proposals: ProposalsService;
  addresses: AddressesService;
  learning: LearningService;
}) {
  const { db, work, skills, proposals, addresses, learning } = deps;

  /** Inside a transaction: saves a helper (skills checked, a home given), as create and imports do. */
  function createIn(w: Work, input: HelperCreate, actor: string, place: Place | null): Helper {
    skills.assertKnown(input.skills.map(codeOf));
    const columns = columnsOf(input, place);
    if (columns.lat === undefined || columns.lon === undefined)
      throw new AppError('validation_failed', 'where does the helper live?', [pinOrAddressIssue]);
    const { tx, record, now } = w;
    const row = insertHelper(tx, {
      travelMode: 'cycling',
      availability: [],
      absences: [],
      languages: ['nl'],
      ...columns,
      name: input.name,
      kind: input.kind,
      track: input.track,
      skills: columns.skills!,
      lat: columns.lat!,
      lon: columns.lon!,
      maxTravelKm: input.maxTravelKm,
      createdAt: now,
      updatedAt: now,
    });
    record('helper.created', { helperId: row.id });
    learning.recordEditIn(tx, actor, now, row.id, null, row);
    return presentHelper(row);
  }

  /** Inside a transaction: changes a helper, as update and imports do. */
  function updateIn(w: Work, id: number, patch: HelperPatch, actor: string, place: Place | null): Helper {
    if (patch.skills) skills.assertKnown(patch.skills.map(codeOf));
    if (patch.address && !patch.location && !place)
      throw new AppError('validation_failed', 'a new address must be looked up or pinned', [pinOrAddressIssue]);
    const { tx, record, now } = w;
    const before = patch.skills ? findHelper(tx, id) : undefined;
    const row = updateHelper(tx, id, { ...columnsOf(patch, place), updatedAt: now });
    if (!row) throw notFound('helper', id);
    if (before) learning.recordEditIn(tx, actor, now, row.id, before, row);
    record('helper.updated', { helperId: row.id, active: row.active });
    if (!row.active) proposals.withdrawFromHelperIn(w, row.id, 'the helper was deactivated');
    return presentHelper(row);
  }

  return {
    /**
     * Where the helper's home is, when no `location` pins it: looked up before `create` or `update`
     * writes anything, so a failed look-up leaves nothing behind.
     */
    locate: (input: HelperPatch): Promise<Place | null> => placeOf(addresses, input),

    /**
     * Saves a helper living at `input.location`, or at the `place` found for their address; with an
     * idempotency key, a retry of the same body returns the first reply.
     */
    create(
      input: HelperCreate,
      actor: string,
      options: { place?: Place | null; idempotencyKey?: string } = {},
    ): Helper {
      const { place = null, idempotencyKey } = options;
      return work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createHelper', body: input }, () =>
          createIn(w, input, actor, place),
        ),
      );
    },

    createIn,

    /** A new home renews the helpers' revision (helpers.repo), so every candidate list measures from it. */
    update(id: number, patch: HelperPatch, actor: string, options: { place?: Place | null } = {}): Helper {
      return work(actor, (w) => updateIn(w, id, patch, actor, options.place ?? null));
    },

    updateIn,

    deactivate(id: number, actor: string): Helper {
      return this.update(id, { active: false }, actor);
    },

    /**
     * Erases the helper's personal data on their request (AVG art. 17), in one transaction: they are
     * deactivated first (their proposals and coming jobs go to others, also when they were inactive
     * already), their links end, and what identifies them goes as the retention job's erasure does; the
     * boards read the helper again after the commit and show the erased name. Erasing an erased helper
     * changes nothing.
     */
    erase(id: number, actor: string): void {
      work(actor, (w) => {
        const row = findHelper(w.tx, id);
        if (!row) throw notFound('helper', id);
        if (row.erasedAt !== null) return;
        updateIn(w, id, { active: false }, actor, null);
        revokeHelperTokens(w.tx, id, w.now);
        eraseHelper(w.tx, id, w.now);
        w.record('helper.erased', { helperId: id, onRequest: true });
      });
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
