/**
 * The one `t()` of the pages: every text in the page's language (read from the page the server sent,
 * never from a global), plurals by the language's own rules (`Intl.PluralRules`, in `../i18n.ts`).
 */
import { type TextKey, translate } from '../../i18n.js';
import type { HelperPageData, PageData } from '../../pages.js';

export const page: PageData | HelperPageData = JSON.parse(document.getElementById('page-data')!.textContent!);

export function t(key: TextKey, values?: Record<string, string | number>): string {
  return translate(page.lang, key, values);
}

/** The staff member on a staff page. */
export function staffUser(): PageData['user'] {
  if (page.page === 'helper') throw new Error('not a staff page');
  return page.user;
}

export type { TextKey };
