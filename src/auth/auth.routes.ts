import { actorOf } from './auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { AccessLink, LoginBody, PublicUser, Session, UserCreate } from './auth.schema.js';
import type { AuthService } from './auth.service.js';

export function authRoutes(api: Api, auth: AuthService): void {
  api.route(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with e-mail and password; returns a bearer token',
      tag: 'auth',
      operationId: 'login',
      // wrong e-mail or password; the limiter in app.ts
      errors: ['unauthorized', 'rate_limited'],
      roles: 'public',
      body: LoginBody,
      response: Session,
    },
    ({ body }) => auth.login(body.email, body.password),
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
