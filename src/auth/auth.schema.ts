import { PASSWORD_MIN_LENGTH, USER_ROLES } from '../domain.js';
import { z } from '../http/zod.js';

/** A password being set: the rule's length here, the rest in password-rule.ts. */
const NewPassword = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200);

const Code = z
  .string()
  .regex(/^\d{6}$/, 'six digits')
  .openapi({ description: 'the current code of the authenticator app', example: '123456' });

export const LoginBody = z
  .strictObject({
    email: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(200),
    code: Code.optional().openapi({ description: 'needed when the account has a second factor' }),
  })
  .openapi('Login');

export const SecondFactorCode = z.strictObject({ code: Code }).openapi('SecondFactorCode');

export const SecondFactorStart = z
  .strictObject({
    code: Code.optional().openapi({
      description: 'needed when a second factor is set: its current code, to replace it',
    }),
  })
  .openapi('SecondFactorStart');

export const SecondFactorSetup = z
  .object({
    secret: z.string().openapi({ description: 'base32, to type into the app' }),
    uri: z.string().openapi({ description: 'otpauth:// URI, to show as a QR code' }),
    qrCode: z
      .string()
      .openapi({ description: 'the URI as a QR code: an SVG image as a data: URL, for a page to show' }),
  })
  .openapi('SecondFactorSetup');
export type SecondFactorSetup = z.infer<typeof SecondFactorSetup>;

export const PublicUser = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(USER_ROLES) })
  .openapi('User');

export const UserAccount = PublicUser.extend({
  active: z.boolean(),
  secondFactor: z.boolean().openapi({ description: 'logs in with a code from an authenticator app too' }),
}).openapi('UserAccount');
export type UserAccount = z.infer<typeof UserAccount>;

export const UserPatch = z
  .strictObject({
    active: z.boolean().optional(),
    role: z.enum(USER_ROLES).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    password: NewPassword.optional().openapi({
      description: 'a new password, for a forgotten one: ends all their sessions; tell it to them in person',
    }),
    removeSecondFactor: z.literal(true).optional().openapi({
      description: 'for a lost phone: the user logs in with the password alone until they set one up again',
    }),
  })
  .openapi('UserPatch');
export type UserPatch = z.infer<typeof UserPatch>;

export const PasswordChange = z
  .strictObject({
    currentPassword: z.string().min(1).max(200),
    newPassword: NewPassword,
  })
  .openapi('PasswordChange');
export type PasswordChange = z.infer<typeof PasswordChange>;

export const Session = z
  .object({
    token: z.string(),
    user: PublicUser.pick({ id: true, email: true, role: true }).extend({ name: z.string() }),
  })
  .openapi('Session');

export const UserCreate = z
  .strictObject({
    email: z.email(),
    password: NewPassword,
    name: z.string().trim().min(1).max(120),
    role: z.enum(USER_ROLES),
  })
  .openapi('UserCreate');

export const AccessLink = z.object({ token: z.string(), url: z.string() }).openapi('AccessLink');
export type AccessLink = z.infer<typeof AccessLink>;
