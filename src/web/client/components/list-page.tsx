/**
 * A list page: a search (and filters) over a table of records, each opened by its name, beside the form
 * of the record shown. Only the newest search draws: answers can arrive out of order while someone types.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, errorText } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';
import { type Options, Message, type MessageValue } from './forms.js';
import { type Column, DataTable } from './table.js';

export interface ListFilter {
  id: string;
  /** The list's query parameter. */
  param: string;
  label: TextKey;
  options: Options;
}

/** What a record's form may ask of the page around it. */
export interface ListContext<T> {
  /** Shows a record (just saved) in the form side and marks it in the list. */
  show: (record: T) => void;
  say: (message: MessageValue | null) => void;
  refresh: () => Promise<void>;
}

export function ListPage<T extends { id: number; name: string }>(props: {
  path: string;
  texts: { title: TextKey; search: TextKey; create: TextKey; prompt: TextKey; count: TextKey; none: TextKey };
  searchId: string;
  filters?: readonly ListFilter[];
  nameTitle: TextKey;
  columns: ReadonlyArray<Column<T>>;
  form: (record: T | undefined, context: ListContext<T>) => ComponentChildren;
}) {
  const { texts } = props;
  const [search, setSearch] = useState('');
  const [filterValues, setFilterValues] = useState<Record<string, string>>({});
  const [records, setRecords] = useState<T[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [message, say] = useState<MessageValue | null>(null);
  /** What the form side shows: nothing yet, a new record, or one record; `version` draws a fresh form. */
  const [shown, setShown] = useState<{ record?: T; version: number } | null>(null);
  const seq = useRef(0);
  const query = useRef('');
  const panel = useRef<HTMLElement>(null);

  query.current = new URLSearchParams({
    ...(search.trim() ? { q: search.trim() } : {}),
    ...Object.fromEntries(Object.entries(filterValues).filter(([, v]) => v)),
  }).toString();

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    const q = query.current;
    try {
      const found = await api<T[]>('GET', `${props.path}${q ? `?${q}` : ''}`);
      if (mine !== seq.current) return;
      setRecords(found);
      setListError(null);
    } catch (err) {
      if (mine === seq.current) setListError(errorText(err));
    }
  }, [props.path]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search, refresh]);
  useEffect(() => void refresh(), [filterValues, refresh]);

  // Keyboard users land in the form they opened.
  useLayoutEffect(() => {
    if (shown) panel.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [shown]);

  const show = (record: T | undefined) => setShown((s) => ({ record, version: (s?.version ?? 0) + 1 }));
  const open = async (id: number) => {
    say(null);
    try {
      show(await api<T>('GET', `${props.path}/${id}`));
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  const context: ListContext<T> = { show, say, refresh };
  const currentId = shown?.record?.id ?? null;
  const nameColumn: Column<T> = {
    title: props.nameTitle,
    cell: (record) => (
      <button
        type="button"
        class="link"
        aria-current={record.id === currentId ? 'true' : undefined}
        onClick={() => void open(record.id)}
      >
        {record.name}
      </button>
    ),
  };

  return (
    <>
      <h1>{t(texts.title)}</h1>
      <div class="list-tools">
        <div>
          <label for={props.searchId}>{t(texts.search)}</label>
          <input
            id={props.searchId}
            type="search"
            autoComplete="off"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        {(props.filters ?? []).map((filter) => (
          <div key={filter.id}>
            <label for={filter.id}>{t(filter.label)}</label>
            <select
              id={filter.id}
              value={filterValues[filter.param] ?? ''}
              onChange={(e) => setFilterValues((v) => ({ ...v, [filter.param]: e.currentTarget.value }))}
            >
              {filter.options.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button
          type="button"
          class="primary"
          onClick={() => {
            say(null);
            show(undefined);
          }}
        >
          {t(texts.create)}
        </button>
      </div>
      <div class="split">
        <section class="card" aria-label={t(texts.title)}>
          <p class="muted" role="status">
            {records ? t(texts.count, { count: records.length }) : ''}
          </p>
          {listError ? (
            <p class="error" role="alert">
              {listError}
            </p>
          ) : records?.length === 0 ? (
            <p class="muted">{t(texts.none)}</p>
          ) : records ? (
            <DataTable records={records} columns={[nameColumn, ...props.columns]} currentId={currentId} />
          ) : null}
        </section>
        <section class="card" ref={panel}>
          <Message message={message} />
          {shown ? (
            <div key={`${shown.record?.id ?? 'new'}-${shown.version}`}>{props.form(shown.record, context)}</div>
          ) : (
            <p class="muted">{t(texts.prompt)}</p>
          )}
        </section>
      </div>
    </>
  );
}
