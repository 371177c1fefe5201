/**
 * What the helpers and residents pages share: labelled controls wrapped by their API field (where the
 * API's complaint appears), a message line, and the page itself: a searchable table of records beside
 * the form of one of them.
 */
import type { TextKey } from '../i18n.js';
import { api, debounce, errorText, h, t } from './common.js';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

let uid = 0;

/** A unique id, so that every label can point at its control. */
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled control in a wrapper named after its API field. */
export function field(apiField: string, label: string, control: Control): HTMLDivElement {
  control.id ||= nextId(apiField.replace(/\W/g, '-'));
  return h('div', { 'data-field': apiField }, h('label', { for: control.id }, label), control);
}

export function input(type: string, value: string | number | null | undefined, attrs: Record<string, string> = {}) {
  return h('input', { type, value: value ?? '', ...attrs });
}

export function numberOrNull(control: HTMLInputElement): number | null {
  return control.value.trim() === '' ? null : Number(control.value);
}

/** "nl, ar tr" → ["nl", "ar", "tr"]. */
export function languagesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.toLowerCase())
    .filter(Boolean);
}

/** A message line: a notice is a polite status, an error an alert. */
export function messageLine() {
  const element = h('div', {});
  return {
    element,
    show(kind: 'notice' | 'error', text: string): void {
      element.replaceChildren(h('p', { class: kind, role: kind === 'notice' ? 'status' : 'alert' }, text));
    },
    clear(): void {
      element.replaceChildren();
    },
  };
}

/**
 * The form side of a list page: shows one record (or an empty form for a new one) with its title
 * focused, so keyboard users land in it, and loads a record from `path`/id.
 */
function recordPanel<T extends { id: number }>(options: {
  path: string;
  form: (record: T | undefined) => HTMLElement;
  message: ReturnType<typeof messageLine>;
  /** Called with the shown record's id, to mark it in the list. */
  onShow: (id: number | null) => void;
}) {
  const element = h('div', {});
  function show(record: T | undefined): void {
    options.onShow(record?.id ?? null);
    element.replaceChildren(options.form(record));
    element.querySelector<HTMLElement>('h2')!.focus();
  }
  return {
    element,
    show,
    async open(id: number): Promise<void> {
      options.message.clear();
      try {
        show(await api<T>('GET', `${options.path}/${id}`));
      } catch (err) {
        options.message.show('error', errorText(err));
      }
    },
    create(): void {
      options.message.clear();
      show(undefined);
    },
  };
}

/** A column of a list page's table after the name: its heading and what a record shows there. */
export interface Column<T> {
  title: TextKey;
  cell: (record: T) => string;
}

/**
 * A list page: a search (and filters) over a table of records, each opened by its name, beside the
 * form of the record shown. Only the newest search draws: answers can arrive out of order while
 * someone types.
 */
export function listPage<T extends { id: number; name: string }>(spec: {
  path: string;
  texts: { title: TextKey; search: TextKey; create: TextKey; prompt: TextKey; count: TextKey; none: TextKey };
  search: HTMLInputElement;
  filters?: ReadonlyArray<{ label: TextKey; control: HTMLSelectElement }>;
  /** The list's query from the search and the filters. */
  query: () => URLSearchParams;
  nameTitle: TextKey;
  columns: ReadonlyArray<Column<T>>;
  form: (record: T | undefined) => HTMLElement;
}) {
  const { texts } = spec;
  let records: T[] = [];
  let selectedId: number | null = null;
  let listSeq = 0;
  const count = h('p', { class: 'muted', role: 'status' });
  const list = h('div', {});
  const message = messageLine();
  const panel = recordPanel<T>({
    path: spec.path,
    form: spec.form,
    message,
    onShow: (id) => {
      selectedId = id;
      render();
    },
  });

  function row(record: T): HTMLTableRowElement {
    const current = record.id === selectedId ? 'true' : null;
    const open = () => void panel.open(record.id);
    return h(
      'tr',
      { 'aria-current': current },
      h('td', {}, h('button', { type: 'button', class: 'link', 'aria-current': current, onclick: open }, record.name)),
      ...spec.columns.map((column) => h('td', {}, column.cell(record))),
    );
  }

  function render(): void {
    count.textContent = t(texts.count, { count: records.length });
    if (records.length === 0) {
      list.replaceChildren(h('p', { class: 'muted' }, t(texts.none)));
      return;
    }
    const titles = [spec.nameTitle, ...spec.columns.map((column) => column.title)];
    list.replaceChildren(
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...titles.map((key) => h('th', { scope: 'col' }, t(key))))),
        h('tbody', {}, ...records.map(row)),
      ),
    );
  }

  async function refresh(): Promise<void> {
    const seq = ++listSeq;
    const query = spec.query().toString();
    try {
      const found = await api<T[]>('GET', `${spec.path}${query ? `?${query}` : ''}`);
      if (seq !== listSeq) return;
      records = found;
      render();
    } catch (err) {
      if (seq === listSeq) list.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  /** Draws the page into #app, with the form side asking to choose a record. */
  function mount(): void {
    spec.search.addEventListener(
      'input',
      debounce(() => void refresh(), 250),
    );
    const filters = spec.filters ?? [];
    for (const { control } of filters) control.addEventListener('change', () => void refresh());
    document
      .getElementById('app')!
      .replaceChildren(
        h('h1', {}, t(texts.title)),
        h(
          'div',
          { class: 'list-tools' },
          h('div', {}, h('label', { for: spec.search.id }, t(texts.search)), spec.search),
          ...filters.map(({ label, control }) => h('div', {}, h('label', { for: control.id }, t(label)), control)),
          h('button', { type: 'button', class: 'primary', onclick: panel.create }, t(texts.create)),
        ),
        h(
          'div',
          { class: 'split' },
          h('section', { class: 'card', 'aria-label': t(texts.title) }, count, list),
          h('section', { class: 'card' }, message.element, panel.element),
        ),
      );
    panel.element.replaceChildren(h('p', { class: 'muted' }, t(texts.prompt)));
  }

  return { message, show: panel.show, refresh, mount };
}
