import type { Db } from '../db/client.js';
import type { Track } from '../domain.js';
import { AppError } from '../errors.js';
import { SKILL_CATALOGUE } from './skills.catalogue.js';
import { listSkills, upsertSkills } from './skills.repo.js';

/** The skill catalogue, read once at start-up: it changes only with a release. */
export function createSkillsService(db: Db) {
  upsertSkills(db, SKILL_CATALOGUE);
  const all = listSkills(db);
  const tracks: ReadonlyMap<string, Track> = new Map(all.map((s) => [s.code, s.track]));

  return {
    tracks,
    list: () => all.map((s) => ({ code: s.code, track: s.track, label: s.labelNl, labelEn: s.labelEn })),
    /** Throws a 400 naming each unknown code, e.g. field "skills.2". */
    assertKnown(codes: readonly string[], field = 'skills'): void {
      const details = codes.flatMap((code, i) =>
        tracks.has(code) ? [] : [{ field: `${field}.${i}`, message: `unknown skill ${code}` }],
      );
      if (details.length > 0) throw new AppError('validation_failed', 'unknown skills', details);
      if (new Set(codes).size !== codes.length) {
        throw new AppError('validation_failed', 'duplicate skills', [{ field, message: 'skills must be unique' }]);
      }
    },
  };
}

export type SkillsService = ReturnType<typeof createSkillsService>;
