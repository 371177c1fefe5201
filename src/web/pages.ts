import type { UserRole } from '../domain.js';
import { type Lang, type TextKey, translate } from './i18n.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON for a `<script type="application/json">` block: `<` is escaped so no text can close the tag. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export const STAFF_PAGES = [
  'board',
  'intake',
  'helpers',
  'residents',
  'series',
  'rapportage',
  'import',
  'closures',
  'settings',
  'users',
  'audit',
  'export',
  'coach',
  'account',
] as const;
export type StaffPage = (typeof STAFF_PAGES)[number];

/** Pages for admins only: the others do not see them in the navigation, and get the 404 page. */
const ADMIN_PAGES: ReadonlySet<StaffPage> = new Set(['users', 'audit', 'export']);

/** Pages for the roles that manage helpers (admin, dispatcher): intake does not see them either. */
const DISPATCH_PAGES: ReadonlySet<StaffPage> = new Set(['import']);

/** The coach's pages: the files of the participants they coach. */
const COACH_PAGES: ReadonlySet<StaffPage> = new Set(['coach']);

/** Pages about your own account: linked from beside your name, not from the navigation. */
const OWN_PAGES: ReadonlySet<StaffPage> = new Set(['account']);

/** Everyone opens their own account's pages; a coach besides only the coach's, and the office none of those. */
export const mayOpen = (page: StaffPage, role: UserRole) =>
  OWN_PAGES.has(page) ||
  (role === 'coach'
    ? COACH_PAGES.has(page)
    : !COACH_PAGES.has(page) &&
      (role === 'admin' || !ADMIN_PAGES.has(page)) &&
      (role !== 'intake' || !DISPATCH_PAGES.has(page)));

/** Where a user lands after logging in, and where the brand links to. */
export const homeOf = (role: UserRole): string => `/${STAFF_PAGES.find((page) => mayOpen(page, role))!}`;

export interface PageUser {
  id: number;
  name: string;
  role: UserRole;
}

/** What a staff page's script starts from (read from the page, never from a global). */
export interface PageData {
  lang: Lang;
  page: StaffPage;
  user: PageUser;
}

/** The helper's page: the helper is whoever holds the link; the page greets them by their first name. */
export interface HelperPageData {
  lang: Lang;
  page: 'helper';
  helperName: string;
  /** Skill code → label in the page's language: the helper's token may not read the staff catalogue. */
  skillLabels: Record<string, string>;
}

function document(lang: Lang, title: string, body: string, script?: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · wijkmatch</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
${script ? `<script type="module" src="/assets/${script}.js"></script>` : ''}
</head>
<body>
${body}
</body>
</html>`;
}

/** A staff page: the navigation, and an empty main that the page's script fills. */
export function staffPage(data: PageData, returnTo: string): string {
  const t = (key: TextKey) => escapeHtml(translate(data.lang, key));
  const link = (page: StaffPage) =>
    `<a href="/${page}"${page === data.page ? ' aria-current="page"' : ''}>${t(`nav.${page}`)}</a>`;
  const otherLang = data.lang === 'nl' ? 'en' : 'nl';
  const body = `<header class="topbar">
  <a class="brand" href="${homeOf(data.user.role)}">wijkmatch</a>
  <nav aria-label="wijkmatch">${STAFF_PAGES.filter((page) => mayOpen(page, data.user.role) && !OWN_PAGES.has(page))
    .map(link)
    .join('')}</nav>
  <div class="topbar-end">
    <span id="connection" class="connection" role="status" aria-live="polite"></span>
    <span class="user">${escapeHtml(data.user.name)}</span>
    ${[...OWN_PAGES]
      .filter((page) => mayOpen(page, data.user.role))
      .map(link)
      .join('')}
    <a href="/lang/${otherLang}?back=${encodeURIComponent(returnTo)}" lang="${otherLang}">${t('nav.language')}</a>
    <form method="post" action="/logout"><button type="submit" class="link">${t('nav.logout')}</button></form>
  </div>
</header>
<main id="app" tabindex="-1"></main>
<script type="application/json" id="page-data">${jsonBlock(data)}</script>`;
  return document(data.lang, translate(data.lang, `nav.${data.page}`), body, data.page);
}

export function loginPage(lang: Lang, options: { email?: string; error?: TextKey; next?: string } = {}): string {
  const t = (key: TextKey) => escapeHtml(translate(lang, key));
  const otherLang = lang === 'nl' ? 'en' : 'nl';
  const body = `<main class="login">
  <h1>wijkmatch</h1>
  <form method="post" action="/login" class="card">
    <h2>${t('login.title')}</h2>
    ${options.error ? `<p class="error" role="alert">${t(options.error)}</p>` : ''}
    <label for="email">${t('login.email')}</label>
    <input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(options.email ?? '')}">
    <label for="password">${t('login.password')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <label for="code">${t('login.codeLabel')}</label>
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" aria-describedby="code-hint">
    <p id="code-hint" class="hint">${t('login.codeHint')}</p>
    <input type="hidden" name="next" value="${escapeHtml(options.next ?? '')}">
    <button type="submit" class="primary">${t('login.submit')}</button>
  </form>
  <p><a href="/lang/${otherLang}?back=/login" lang="${otherLang}">${t('nav.language')}</a></p>
</main>`;
  return document(lang, translate(lang, 'login.title'), body);
}

/** The helper's page at their personal link, made for a phone; its script reads the token from the URL. */
export function helperPage(lang: Lang, helperName: string, skillLabels: Record<string, string>): string {
  const data: HelperPageData = { lang, page: 'helper', helperName, skillLabels };
  const body = `<main id="app" class="phone" tabindex="-1"><p>${escapeHtml(translate(lang, 'me.title'))}…</p></main>
<script type="application/json" id="page-data">${jsonBlock(data)}</script>`;
  return document(lang, translate(lang, 'me.title'), body, 'helper');
}

export function badLinkPage(lang: Lang): string {
  const body = `<main class="phone"><h1>wijkmatch</h1><p class="error" role="alert">${escapeHtml(translate(lang, 'me.badLink'))}</p></main>`;
  return document(lang, translate(lang, 'me.title'), body);
}

/** A page address that does not exist: said in the page's language, with a way back (the API's stay JSON). */
export function notFoundPage(lang: Lang): string {
  const t = (key: TextKey) => escapeHtml(translate(lang, key));
  const body = `<main class="login">
  <h1>wijkmatch</h1>
  <section class="card">
    <h2>${t('notFound.title')}</h2>
    <p>${t('notFound.text')}</p>
    <p><a href="/board">${t('notFound.home')}</a></p>
  </section>
</main>`;
  return document(lang, translate(lang, 'notFound.title'), body);
}
