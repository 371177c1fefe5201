import { STAFF_ROLES } from '../domain.js';
import { z } from '../http/zod.js';

export const LoginBody = z
  .strictObject({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) })
  .openapi('Login');

export const PublicUser = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(STAFF_ROLES) })
  .openapi('User');

export const UserAccount = PublicUser.extend({ active: z.boolean() }).openapi('UserAccount');

export const UserPatch = z
  .strictObject({
    active: z.boolean().optional(),
    role: z.enum(STAFF_ROLES).optional(),
    name: z.string().trim().min(1).max(120).optional(),
  })
  .openapi('UserPatch');
export type UserPatch = z.infer<typeof UserPatch>;

export const Session = z
  .object({
    token: z.string(),
    user: PublicUser.pick({ id: true, email: true, role: true }).extend({ name: z.string() }),
  })
  .openapi('Session');

export const UserCreate = z
  .strictObject({
    email: z.email(),
    password: z.string().min(10, 'at least 10 characters').max(200),
    name: z.string().trim().min(1).max(120),
    role: z.enum(STAFF_ROLES),
  })
  .openapi('UserCreate');

export const AccessLink = z.object({ token: z.string(), url: z.string() }).openapi('AccessLink');
