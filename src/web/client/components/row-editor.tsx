/**
 * A fieldset of repeatable rows (weekly times, absences). Rows are numbered in page order, so that the
 * API's "availability.1.end" finds its field and each remove button says which row it removes. A new
 * row gets focus on its first control; a removed one hands focus back to the add button.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, type TextKey } from '../lib/i18n.js';
import { Group } from './forms.js';

export interface Row<T> {
  key: number;
  value: T;
}

let nextKey = 0;

/** Rows with keys that stay with them, so a removed row takes its own controls along. */
export function keyed<T>(values: readonly T[]): Array<Row<T>> {
  return values.map((value) => ({ key: ++nextKey, value }));
}

export function RowEditor<T>(props: {
  list: string;
  legend: string;
  empty: string;
  add: string;
  remove: TextKey;
  rows: Array<Row<T>>;
  onRows: (rows: Array<Row<T>>) => void;
  /** The value of a new row, from the row above it. */
  next: (previous: T | undefined) => T;
  /** The cells of row `index`: fields named `${list}.${index}.${part}`. */
  cells: (value: T, index: number, set: (value: T) => void) => ComponentChildren;
}) {
  const { rows } = props;
  const rowsRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<'added' | 'removed' | null>(null);

  useLayoutEffect(() => {
    if (focus === 'added') rowsRef.current?.lastElementChild?.querySelector<HTMLElement>('select, input')?.focus();
    if (focus === 'removed') addRef.current?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  return (
    <Group name={props.list} legend={props.legend}>
      {rows.length === 0 ? <p class="muted">{props.empty}</p> : null}
      <div ref={rowsRef}>
        {rows.map((row, index) => (
          <div class="row" key={row.key}>
            {props.cells(row.value, index, (value) =>
              props.onRows(rows.map((r) => (r.key === row.key ? { key: r.key, value } : r))),
            )}
            <div class="row-end">
              <button
                type="button"
                aria-label={t(props.remove, { n: index + 1 })}
                onClick={() => {
                  props.onRows(rows.filter((r) => r.key !== row.key));
                  setFocus('removed');
                }}
              >
                {t('helpers.remove')}
              </button>
            </div>
          </div>
        ))}
      </div>
      <button
        type="button"
        ref={addRef}
        onClick={() => {
          props.onRows([...rows, ...keyed([props.next(rows.at(-1)?.value)])]);
          setFocus('added');
        }}
      >
        {props.add}
      </button>
    </Group>
  );
}
