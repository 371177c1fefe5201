import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { accessor } from '../audit/audit.routes.js';
import type { AuthService } from '../auth/auth.service.js';
import type { HelperIdentity } from '../auth/auth.types.js';
import type { UserRole } from '../domain.js';
import type { HelpersService } from '../helpers/helpers.service.js';
import type { StatementService } from '../learning/statement.service.js';
import { AppError } from '../errors.js';
import type { MeService } from '../me/me.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { sameOriginForm } from '../http/same-origin.js';
import { SESSION_COOKIE, sessionToken } from '../http/session.js';
import { buildAssets } from './assets.js';
import { statementPage, statementPdf } from './statement.js';
import { isLang, type Lang } from './i18n.js';
import {
  badLinkPage,
  helperPage,
  homeOf,
  loginPage,
  mayOpen,
  notFoundPage,
  type PageUser,
  STAFF_PAGES,
  type StaffPage,
  staffPage,
} from './pages.js';

const LANG_COOKIE = 'wijkmatch_lang';

/** A statement's period: the practice period unless the link asks for another. */
const StatementQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const YEAR_MS = 365 * 86_400_000;

const LoginForm = z.object({
  email: z.string().trim().max(200),
  password: z.string().max(200),
  next: z.string().max(200).optional(),
  code: z.string().max(10).optional(),
});

export interface WebOptions {
  auth: AuthService;
  me: MeService;
  /** The helper's own name, for the greeting on their page. */
  helpers: Pick<HelpersService, 'get'>;
  skills: SkillsService;
  /** The participant's hours statement. */
  statements: StatementService;
  sessionHours: number;
  /** Cookies only over HTTPS: on when the public URL is https. */
  secureCookies: boolean;
  /** Origins besides the host's own whose pages may post the login and logout forms. */
  allowedOrigins: readonly string[];
}

function langOf(req: Request): Lang {
  const match = /(?:^|;\s*)wijkmatch_lang=(\w+)/.exec(req.get('cookie') ?? '');
  return isLang(match?.[1]) ? match[1] : 'nl';
}

/** Only our own pages are places to return to: no open redirect. */
function localPath(path: string | undefined, fallback: string): string {
  return path && /^\/[a-z]/.test(path) && !path.startsWith('//') ? path : fallback;
}

/** The login page, the staff pages (board, intake, helpers, residents) and their assets. */
export function webRoutes(options: WebOptions): Router {
  const { auth } = options;
  const router = Router();
  const assets = buildAssets();
  const cookie = { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/' } as const;
  const sameOrigin = sameOriginForm(options.allowedOrigins);

  function pageUser(req: Request): PageUser | null {
    const token = sessionToken(req.get('cookie'));
    const identity = token ? auth.authenticate(token) : null;
    if (identity?.kind !== 'staff') return null;
    const user = auth.user(identity.userId);
    return user && { id: user.id, name: user.name, role: user.role };
  }

  function showLogin(res: Response, lang: Lang, status: number, form: Parameters<typeof loginPage>[1]) {
    res.status(status).type('html').send(loginPage(lang, form));
  }

  /** Where a user lands after logging in, and whenever the address names no page: their own first page. */
  const landingOf = (role: UserRole) => (role === 'intake' ? '/intake' : homeOf(role));

  router.get('/', (req, res) => {
    const user = pageUser(req);
    res.redirect(user ? landingOf(user.role) : '/board');
  });

  router.get('/login', (req, res) => {
    const user = pageUser(req);
    if (user) return res.redirect(landingOf(user.role));
    showLogin(res, langOf(req), 200, { next: typeof req.query.next === 'string' ? req.query.next : undefined });
  });

  router.post('/login', sameOrigin, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const lang = langOf(req);
    const form = LoginForm.safeParse(req.body ?? {});
    if (!form.success) return showLogin(res, lang, 400, { error: 'login.failed' });
    try {
      const code = form.data.code || undefined;
      const { token, user } = await auth.login(form.data.email, form.data.password, { address: req.ip, code });
      res.cookie(SESSION_COOKIE, token, { ...cookie, maxAge: options.sessionHours * 3_600_000 });
      res.redirect(303, localPath(form.data.next, landingOf(user.role)));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const kept = { email: form.data.email, next: form.data.next };
      if (err.code === 'rate_limited') {
        res.set('Retry-After', String(err.retryAfterSeconds));
        return showLogin(res, lang, 429, { ...kept, error: 'login.limited' });
      }
      if (err.code === 'second_factor_required') return showLogin(res, lang, 401, { ...kept, error: 'login.code' });
      if (err.code !== 'unauthorized') throw err;
      showLogin(res, lang, 401, { ...kept, error: 'login.failed' });
    }
  });

  router.post('/logout', sameOrigin, (req, res) => {
    const token = sessionToken(req.get('cookie'));
    if (token) auth.logout(token);
    res.clearCookie(SESSION_COOKIE, cookie);
    res.redirect(303, '/login');
  });

  router.get('/lang/:lang', (req, res) => {
    const lang = isLang(req.params.lang) ? req.params.lang : 'nl';
    res.cookie(LANG_COOKIE, lang, { ...cookie, httpOnly: false, sameSite: 'lax', maxAge: YEAR_MS });
    res.redirect(localPath(typeof req.query.back === 'string' ? req.query.back : undefined, '/board'));
  });

  // The account page began as the password page: a bookmark of that still finds it.
  router.get('/password', (_req, res) => res.redirect(301, '/account'));

  for (const page of STAFF_PAGES) {
    router.get(`/${page}`, (req, res) => {
      const user = pageUser(req);
      if (!user) return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
      if (!mayOpen(page, user.role))
        return res
          .status(404)
          .type('html')
          .send(notFoundPage(langOf(req)));
      res.set('Cache-Control', 'no-store');
      res.type('html').send(staffPage({ lang: langOf(req), page: page as StaffPage, user }, req.originalUrl));
    });
  }

  /** The helper's own pages live at their personal link; the token in the path is all they have. */
  function linkIdentity(req: Request): HelperIdentity | null {
    const identity = auth.authenticate(String(req.params.token));
    return identity?.kind === 'helper' ? identity : null;
  }

  const linkHelper = (req: Request): number | null => linkIdentity(req)?.helperId ?? null;

  router.get('/h/:token', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const helperId = linkHelper(req);
    if (helperId === null)
      return res
        .status(401)
        .type('html')
        .send(badLinkPage(langOf(req)));
    const lang = langOf(req);
    const labels = options.skills.list().map((s) => [s.code, lang === 'nl' ? s.label : s.labelEn] as const);
    const firstName = options.helpers.get(helperId).name.split(' ')[0]!;
    res.type('html').send(helperPage(lang, firstName, Object.fromEntries(labels)));
  });

  /** The hours statement for school, as a page to print and as a PDF: the same numbers. */
  router.get(['/h/:token/statement', '/h/:token/statement.pdf'], async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const identity = linkIdentity(req);
    const lang = langOf(req);
    if (!identity) return res.status(401).type('html').send(badLinkPage(lang));
    const query = StatementQuery.safeParse(req.query);
    if (!query.success) return res.status(400).type('text/plain').send('from and to are dates, YYYY-MM-DD');
    const statement = options.statements.statement(identity, identity.helperId, query.data);
    const labels = new Map(options.skills.list().map((s) => [s.code, lang === 'nl' ? s.label : s.labelEn]));
    if (req.path.endsWith('.pdf')) {
      const pdf = await statementPdf(lang, statement, labels);
      return res.type('application/pdf').set('Content-Disposition', 'inline; filename="urenverklaring.pdf"').send(pdf);
    }
    const search = new URLSearchParams(query.data as Record<string, string>).toString();
    const pdfHref = `/h/${encodeURIComponent(String(req.params.token))}/statement.pdf${search ? `?${search}` : ''}`;
    res.type('html').send(statementPage(lang, statement, labels, pdfHref));
  });

  router.get('/h/:token/calendar.ics', (req, res) => {
    const identity = linkIdentity(req);
    if (!identity) return res.status(401).type('text/plain').send('link not valid');
    const feed = options.me.calendar(identity.helperId, accessor(identity, req));
    res.set('Cache-Control', 'no-store').type('text/calendar; charset=utf-8').send(feed);
  });

  router.get('/assets/:name', (req, res, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) return next();
    res.set('Cache-Control', 'no-cache').type(asset.type).send(asset.body);
  });

  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));

  /** A mistyped page address in a browser gets a page; API clients (and anything asking for JSON) get JSON. */
  router.use((req, res, next) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/');
    if (!page || req.accepts(['json', 'html']) !== 'html') return next();
    res
      .status(404)
      .type('html')
      .send(notFoundPage(langOf(req)));
  });

  return router;
}
