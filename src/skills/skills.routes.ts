import { TRACKS, USER_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { z } from '../http/zod.js';
import type { SkillsService } from './skills.service.js';

const Skill = z
  .object({ code: z.string(), track: z.enum(TRACKS), label: z.string(), labelEn: z.string() })
  .openapi('Skill');

export function skillRoutes(api: Api, skills: SkillsService): void {
  api.route(
    {
      method: 'get',
      path: '/skills',
      summary: 'The skill catalogue',
      tag: 'skills',
      operationId: 'listSkills',
      // Coaches too: they sign off levels per skill.
      roles: USER_ROLES,
      response: z.array(Skill),
    },
    () => skills.list(),
  );
}
