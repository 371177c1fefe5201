import type { SkillLevel } from '../domain.js';

/** A helper's skill as the API takes and gives it: a plain code is `competent`. */
export type HelperSkill = string | { code: string; level: SkillLevel };

/** The levels kept beside the codes: only those that are not `competent`. */
export type StoredLevels = Record<string, Exclude<SkillLevel, 'competent'>>;

export const codeOf = (skill: HelperSkill): string => (typeof skill === 'string' ? skill : skill.code);
export const levelOf = (skill: HelperSkill): SkillLevel => (typeof skill === 'string' ? 'competent' : skill.level);

/** The codes, in the order given, and the levels to store beside them. */
export function splitSkills(skills: readonly HelperSkill[]): { codes: string[]; levels: StoredLevels } {
  const levels: StoredLevels = {};
  for (const skill of skills) {
    const level = levelOf(skill);
    if (level !== 'competent') levels[codeOf(skill)] = level;
  }
  return { codes: skills.map(codeOf), levels };
}

/** The reply's form: competent skills as plain codes, as clients of the first version read them. */
export function presentSkills(codes: readonly string[], levels: StoredLevels): HelperSkill[] {
  return codes.map((code) => {
    const level = levels[code];
    return level ? { code, level } : code;
  });
}

/**
 * The skills the helper is learning, in the order held; with `openGoals` (their plan states goals) only
 * those on an open goal: that is what their practice is for now.
 */
export function learningSkills(
  codes: readonly string[],
  levels: StoredLevels,
  openGoals: ReadonlySet<string> | null = null,
): string[] {
  return codes.filter((code) => levels[code] === 'learning' && (openGoals === null || openGoals.has(code)));
}
