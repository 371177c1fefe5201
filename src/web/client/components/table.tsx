/** A table of records: the first column opens a record (a button named after it), the rest are text. */
import type { ComponentChildren } from 'preact';
import { t, type TextKey } from '../lib/i18n.js';

export interface Column<T> {
  title: TextKey;
  cell: (record: T) => ComponentChildren;
  numeric?: boolean;
}

/**
 * A table that scrolls sideways inside its own box when a phone is narrower than its columns, so the
 * page itself never does. Keyboard users scroll it from the controls in its rows; a table without any
 * gets a `label`, which makes the box a named region they can focus and scroll.
 */
export function TableScroll({ label, children }: { label?: string; children: ComponentChildren }) {
  return label ? (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  ) : (
    <div class="table-scroll">{children}</div>
  );
}

export function DataTable<T extends { id: number }>(props: {
  records: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  /** The record marked as the one shown beside the table. */
  currentId?: number | null;
}) {
  return (
    <TableScroll>
      <table>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.title} scope="col" class={column.numeric ? 'num' : undefined}>
                {t(column.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.records.map((record) => (
            <tr key={record.id} aria-current={record.id === props.currentId ? 'true' : undefined}>
              {props.columns.map((column) => (
                <td key={column.title} class={column.numeric ? 'num' : undefined}>
                  {column.cell(record)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
