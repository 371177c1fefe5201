/**
 * What the helpers and residents pages share: labelled controls wrapped by their API field (where the
 * API's complaint appears), a message line, and the list-and-form panel that shows one record at a time.
 */
import { api, errorText, h } from './common.js';

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
export function recordPanel<T extends { id: number }>(options: {
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
