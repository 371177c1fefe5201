/**
 * Erasing someone's personal data on their request (AVG art. 17): an admin's step, asked first, for
 * residents and helpers alike. The form then shows what the service keeps: ids, dates and hours.
 */
import { api, errorText } from '../lib/api.js';
import { staffUser, t } from '../lib/i18n.js';
import { formatDay } from '../lib/time.js';
import type { ListContext } from './list-page.js';

const MAY_ERASE = staffUser().role === 'admin';

interface Person {
  id: number;
  name: string;
  erasedAt: string | null;
}

export function Erase<T extends Person>(props: { record: T; path: 'residents' | 'helpers'; list: ListContext<T> }) {
  const { record, path, list } = props;
  if (record.erasedAt) return <p class="muted">{t('erase.erased', { date: formatDay(record.erasedAt) })}</p>;
  if (!MAY_ERASE) return null;

  async function erase() {
    if (!confirm(t(`erase.confirm.${path}`, { name: record.name }))) return;
    list.say(null);
    try {
      await api('POST', `/${path}/${record.id}/erase`);
      list.show(await api<T>('GET', `/${path}/${record.id}`));
      list.say({ kind: 'notice', text: t('erase.done') });
      await list.refresh();
    } catch (err) {
      list.say({ kind: 'error', text: errorText(err) });
    }
  }

  return (
    <button type="button" class="danger" onClick={() => void erase()}>
      {t('erase.button')}
    </button>
  );
}
