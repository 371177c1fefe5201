import { asc, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { skills } from '../db/schema/index.js';
import type { SkillDefinition } from './skills.catalogue.js';

export function upsertSkills(db: Queryable, catalogue: readonly SkillDefinition[]): void {
  if (catalogue.length === 0) return;
  db.insert(skills)
    .values([...catalogue])
    .onConflictDoUpdate({
      target: skills.code,
      set: { track: sql`excluded.track`, labelNl: sql`excluded.label_nl`, labelEn: sql`excluded.label_en` },
    })
    .run();
}

export function listSkills(db: Queryable): SkillDefinition[] {
  return db.select().from(skills).orderBy(asc(skills.track), asc(skills.code)).all();
}
