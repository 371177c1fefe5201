import { actorOf, staffUserIdOf } from './auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import {
  AccessLink,
  LoginBody,
  PasswordChange,
  PublicUser,
  SecondFactorCode,
  SecondFactorSetup,
  SecondFactorStart,
  Session,
  UserAccount,
  UserCreate,
  UserPatch,
} from './auth.schema.js';
import { withQrCode } from './qr-code.js';
import { z } from '../http/zod.js';
import { bearerToken, sessionToken } from '../http/session.js';
import { SECOND_FACTOR_ROLES, USER_ROLES } from '../domain.js';
import type { AuthService } from './auth.service.js';

export function authRoutes(api: Api, auth: AuthService): void {
  api.route(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with e-mail and password; returns a bearer token',
      tag: 'auth',
      operationId: 'login',
      // wrong e-mail, password or code; the account has a second factor and no code came;
      // too many failures for this account or address (with Retry-After)
      errors: ['unauthorized', 'second_factor_required', 'rate_limited'],
      roles: 'public',
      body: LoginBody,
      response: Session,
    },
    ({ body, req }) => auth.login(body.email, body.password, { address: req.ip, code: body.code }),
  );
  api.route(
    {
      method: 'get',
      path: '/auth/account',
      summary: 'Your own account: who you are, and whether logging in asks for a code too',
      tag: 'auth',
      operationId: 'getOwnAccount',
      roles: USER_ROLES,
      response: UserAccount,
    },
    ({ identity }) => auth.account(staffUserIdOf(identity)!),
  );
  api.route(
    {
      method: 'post',
      path: '/auth/second-factor',
      summary:
        'Start setting up a second factor for your own account: a secret for the authenticator app; replacing one takes its current code',
      tag: 'auth',
      operationId: 'startSecondFactor',
      // a factor is set and its current code is missing or wrong (400); too many wrong codes or passwords (429)
      errors: ['rate_limited'],
      roles: SECOND_FACTOR_ROLES,
      body: SecondFactorStart,
      response: SecondFactorSetup,
      status: 201,
    },
    async ({ body, identity, req }) =>
      withQrCode(await auth.secondFactor.start(staffUserIdOf(identity)!, body.code, req.ip)),
  );
  api.route(
    {
      method: 'post',
      path: '/auth/second-factor/confirm',
      summary: 'Confirm the set-up with a first code: from now on logging in asks for a code',
      tag: 'auth',
      operationId: 'confirmSecondFactor',
      // wrong codes count against the login limit
      errors: ['rate_limited'],
      roles: SECOND_FACTOR_ROLES,
      body: SecondFactorCode,
      response: z.null(),
      status: 204,
    },
    async ({ body, identity, req }) => {
      await auth.secondFactor.confirm(staffUserIdOf(identity)!, body.code, req.ip);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/auth/second-factor/remove',
      summary: 'Turn the second factor off again, with a current code',
      tag: 'auth',
      operationId: 'removeSecondFactor',
      errors: ['rate_limited'],
      roles: SECOND_FACTOR_ROLES,
      body: SecondFactorCode,
      response: z.null(),
      status: 204,
    },
    async ({ body, identity, req }) => {
      await auth.secondFactor.remove(staffUserIdOf(identity)!, body.code, req.ip);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/auth/password',
      summary: 'Change your own password, with the current one; your other sessions end',
      tag: 'auth',
      operationId: 'changePassword',
      // the current password is wrong (403, naming currentPassword); the new one too easy (400);
      // too many wrong passwords for this account or address (429)
      errors: ['wrong_password', 'rate_limited'],
      // A coach logs in with a password too.
      roles: USER_ROLES,
      body: PasswordChange,
      response: z.null(),
      status: 204,
    },
    async ({ body, identity, req }) => {
      if (identity.kind !== 'staff') return;
      await auth.changePassword(identity, body, req.ip);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/users',
      summary: 'Create a staff user',
      tag: 'auth',
      operationId: 'createUser',
      errors: ['email_taken'],
      roles: ['admin'],
      body: UserCreate,
      response: PublicUser,
      status: 201,
    },
    ({ body, identity }) => auth.createUser(body, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'End this session: the token gets 401 from now on, and a board on it is cut off',
      tag: 'auth',
      operationId: 'logout',
      roles: USER_ROLES,
      response: z.null(),
      status: 204,
    },
    ({ req }) => {
      const token = bearerToken(req) ?? sessionToken(req.get('cookie'));
      if (token) auth.logout(token);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/users',
      summary: 'The staff users, active or not',
      tag: 'auth',
      operationId: 'listUsers',
      roles: ['admin'],
      response: z.array(UserAccount),
    },
    () => auth.listUsers(),
  );
  api.route(
    {
      method: 'patch',
      path: '/users/:id',
      summary:
        "Change a user's name, role, standing or password; a new role or password, or a deactivation, ends their sessions at once",
      tag: 'auth',
      operationId: 'updateUser',
      errors: ['not_found', 'last_admin'],
      roles: ['admin'],
      params: IdParams,
      body: UserPatch,
      response: UserAccount,
    },
    ({ params, body, identity }) => auth.updateUser(params.id, body, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/helpers/:id/access-link',
      summary: "Issue the helper's personal link (revokes the previous one)",
      tag: 'auth',
      operationId: 'issueHelperLink',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher'],
      params: IdParams,
      response: AccessLink,
      status: 201,
    },
    ({ params, identity }) => auth.issueHelperLink(params.id, actorOf(identity)),
  );
}
