/**
 * What every staff page shares: its data, its texts, the API over the session cookie, a small DOM
 * builder and Dutch formatting of times. No framework: the pages are few and must load fast on an
 * old wall-screen PC.
 */
import type { ExclusionReason } from '../../domain.js';
import { type TextKey, translate } from '../i18n.js';
import type { HelperPageData, PageData } from '../pages.js';

const data: PageData | HelperPageData = JSON.parse(document.getElementById('page-data')!.textContent!);
export const page = data;

/** The staff member on a staff page. */
export function staffUser(): PageData['user'] {
  if (data.page === 'helper') throw new Error('not a staff page');
  return data.user;
}

/** On the helper's page the API is called with the link's token instead of the session cookie. */
let bearer: string | null = null;
let onUnauthorized = () => location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);

export function useBearer(token: string, unauthorized: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

export function t(key: TextKey, values?: Record<string, string | number>): string {
  return translate(page.lang, key, values);
}

export interface ErrorDetail {
  field: string;
  message: string;
}

/** A refusal by the API, with its contract body: code, message and the fields that failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** Calls `/api/v1` with the page's session cookie; a lapsed session goes back to the login page. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', t('error.offline'));
  }
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'unauthorized', 'session ended');
  }
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const error = json?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'internal', error.message ?? '', error.details ?? []);
  }
  return json as T;
}

/** A message for an error the user can act on. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'offline' ? err.message : t('error.generic', { code: err.code });
  return t('error.generic', { code: 'internal' });
}

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Builds an element: `h('button', { class: 'primary', onclick: save }, 'Opslaan')`. Text is never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const TIME_ZONE = 'Europe/Amsterdam';
const locale = () => (page.lang === 'nl' ? 'nl-NL' : 'en-GB');

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(locale(), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(locale(), {
    timeZone: TIME_ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
}

export function formatWindow(window: { start: string; end: string }): string {
  return `${formatDay(window.start)} ${formatTime(window.start)}–${formatTime(window.end)}`;
}

/** The local date (YYYY-MM-DD in Amsterdam) of an instant. */
export function localDate(ms: number): string {
  return new Date(ms).toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });
}

/** "1 u 05" / "4 min" until a moment; null once it has passed. */
export function countdown(untilIso: string, now = Date.now()): string | null {
  const minutes = Math.ceil((Date.parse(untilIso) - now) / 60_000);
  if (minutes <= 0) return null;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} u ${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Why nobody fits, in plain words: each excluded helper counted once, under the first reason the
 * matching core found (skills first: "3 helpers hebben die dag geen tijd, 2 wonen te ver").
 */
export function reasonSummary(excluded: ReadonlyArray<{ reasons: readonly ExclusionReason[] }>): string {
  const counts = new Map<ExclusionReason, number>();
  for (const helper of excluded) {
    const first = helper.reasons[0];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => t(`reason.${reason}`, { n }))
    .join(', ');
}

/** Shows the API's field errors next to the fields (elements with a matching `data-field`). */
export function showFieldErrors(form: HTMLElement, details: ErrorDetail[]): void {
  clearFieldErrors(form);
  for (const detail of details) {
    const field = detail.field.replace(/^body\./, '');
    const holder =
      form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ??
      form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.split('.')[0]!)}"]`);
    const target = holder ?? form;
    target.append(h('p', { class: 'field-error', role: 'alert' }, detail.message));
    target.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
  }
}

export function clearFieldErrors(form: HTMLElement): void {
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
}

/** Waits until typing pauses, so a search goes out once per pause rather than once per key. */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

/** Fills in a suggestion (a town's centre for a postcode), never over what the user typed there. */
export function suggest(control: HTMLInputElement, value: string): void {
  if (control.value !== '' && !control.dataset.prefilled) return;
  control.value = value;
  control.dataset.prefilled = 'true';
}

/** A typed value is the user's own: a later suggestion no longer overwrites it. */
export function markTyped(event: Event): void {
  delete (event.target as HTMLElement).dataset.prefilled;
}

/** The API's field messages are English; a hint per field says it in the page's language. */
export function localised(details: ErrorDetail[], hints: Readonly<Record<string, TextKey>>): ErrorDetail[] {
  return details.map((detail) => {
    const path = (detail.field ?? '').replace(/^body\./, '').split('.');
    for (let n = path.length; n > 0; n -= 1) {
      const hint = hints[path.slice(0, n).join('.')];
      if (hint) return { ...detail, message: t(hint) };
    }
    return detail;
  });
}

/** Field errors go next to their fields and focus goes to the first; anything else is one message. */
export function showProblem(
  form: HTMLElement,
  err: unknown,
  hints: Readonly<Record<string, TextKey>>,
  show: (text: string) => void,
): void {
  if (err instanceof ApiError && err.status === 400 && err.details.length > 0) {
    showFieldErrors(form, localised(err.details, hints));
    show(t('form.invalid'));
    form.querySelector<HTMLElement>('[aria-invalid]')?.focus();
    return;
  }
  show(errorText(err));
}
