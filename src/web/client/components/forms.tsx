/**
 * Forms: a form knows the API's complaints about it, and each field (named after its API field, like
 * `address.postcode` or `availability.1.end`) shows its own next to its control, in the page's
 * language. A new form is these pieces; a new kind of field is a component that reads `useField()`.
 */
import type {
  ComponentChildren,
  FormHTMLAttributes,
  InputHTMLAttributes,
  LooseInputHTMLAttributes,
  LooseSelectHTMLAttributes,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'preact';
import { createContext } from 'preact';
import { useContext, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, type ErrorDetail, errorText } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

export interface FormState {
  errors: ErrorDetail[];
  setErrors: (errors: ErrorDetail[]) => void;
  /** The fields this form has drawn, so an error for `location.lat` finds `location` when there is no `location.lat`. */
  names: Set<string>;
}

const FormContext = createContext<FormState | null>(null);
/** `errorIds`: the field's complaints, which its control names in `aria-describedby` so focus reads them. */
const FieldContext = createContext<{ id?: string; invalid: boolean; errorIds?: string }>({ invalid: false });

export function useFormState(): FormState {
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const names = useRef(new Set<string>()).current;
  return useMemo(() => ({ errors, setErrors, names }), [errors, names]);
}

const pathOf = (detail: ErrorDetail) => (detail.field ?? '').replace(/^body\./, '');

function errorsOf(form: FormState | null, name: string): ErrorDetail[] {
  if (!form) return [];
  return form.errors.filter((detail) => {
    const path = pathOf(detail);
    return path === name || (!form.names.has(path) && path.split('.')[0] === name);
  });
}

/** The id and state of the field a control sits in. */
export function useField(): { id?: string; invalid: boolean; errorIds?: string } {
  return useContext(FieldContext);
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'form'> & {
  form: FormState;
  onSubmit: (event: SubmitEvent) => void;
  children: ComponentChildren;
};

/**
 * A form the browser does not validate (the API does, naming fields); submitting never reloads the
 * page. When complaints arrive, focus goes to the first control they mark.
 */
export function Form({ form, onSubmit, children, ...attrs }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    if (form.errors.length) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form.errors]);
  return (
    <form
      ref={ref}
      noValidate
      autoComplete="off"
      {...attrs}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(event as unknown as SubmitEvent);
      }}
    >
      <FormScope form={form}>{children}</FormScope>
    </form>
  );
}

/**
 * A part of a page with complaints of its own but no form element of its own (a form may not hold
 * another): the new resident inside the intake form.
 */
export function FormScope({ form, children }: { form: FormState; children: ComponentChildren }) {
  const unplaced = form.errors.filter((d) => {
    const path = pathOf(d);
    return !form.names.has(path) && !form.names.has(path.split('.')[0]!);
  });
  return (
    <FormContext.Provider value={form}>
      {unplaced.map((d, i) => (
        <p key={i} class="field-error" role="alert">
          {d.message}
        </p>
      ))}
      {children}
    </FormContext.Provider>
  );
}

function FieldErrors({ errors, id }: { errors: ErrorDetail[]; id?: string }) {
  return (
    <>
      {errors.map((detail, i) => (
        <p key={i} id={id && `${id}-error-${i}`} class="field-error" role="alert">
          {detail.message}
        </p>
      ))}
    </>
  );
}

/** A labelled control in a wrapper named after its API field, with the API's complaint under it. */
export function Field(props: { name: string; label: string; children: ComponentChildren; class?: string }) {
  const form = useContext(FormContext);
  form?.names.add(props.name);
  const id = useId();
  const errors = errorsOf(form, props.name);
  const errorIds = errors.map((_, i) => `${id}-error-${i}`).join(' ') || undefined;
  return (
    <div data-field={props.name} class={props.class}>
      <label for={id}>{props.label}</label>
      <FieldContext.Provider value={{ id, invalid: errors.length > 0, errorIds }}>
        {props.children}
      </FieldContext.Provider>
      <FieldErrors errors={errors} id={id} />
    </div>
  );
}

/** A group of controls (a fieldset, or a row) that the API names as one field: `skills`, `location`. */
export function Group(props: {
  name: string;
  legend?: string;
  children: ComponentChildren;
  class?: string;
  as?: 'fieldset' | 'div';
}) {
  const form = useContext(FormContext);
  form?.names.add(props.name);
  const errors = errorsOf(form, props.name);
  const content = (
    <>
      {props.legend ? <legend>{props.legend}</legend> : null}
      <FieldContext.Provider value={{ invalid: errors.length > 0 }}>{props.children}</FieldContext.Provider>
      <FieldErrors errors={errors} />
    </>
  );
  return props.as === 'div' ? (
    <div data-field={props.name} class={props.class}>
      {content}
    </div>
  ) : (
    <fieldset data-field={props.name} class={props.class}>
      {content}
    </fieldset>
  );
}

const invalidAttr = (invalid: boolean) => (invalid ? 'true' : undefined);

/** A control's own description (a hint) and its field's complaints, both read when it gets focus. */
const describedBy = (own: unknown, field: { errorIds?: string }) =>
  [own, field.errorIds].filter(Boolean).join(' ') || undefined;

export function Input(props: LooseInputHTMLAttributes<HTMLInputElement> & { list?: string }) {
  const field = useField();
  // Preact types each input type's ARIA roles apart; the callers pass the type and role together.
  const attrs = props as InputHTMLAttributes<HTMLInputElement>;
  return (
    <input
      id={field.id}
      aria-invalid={invalidAttr(field.invalid)}
      {...attrs}
      aria-describedby={describedBy(attrs['aria-describedby'], field)}
    />
  );
}

export function TextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const field = useField();
  return (
    <textarea
      id={field.id}
      aria-invalid={invalidAttr(field.invalid)}
      {...props}
      aria-describedby={describedBy(props['aria-describedby'], field)}
    />
  );
}

export type Options = ReadonlyArray<readonly [value: string, label: string]>;

export function Select({
  options,
  value,
  onChange,
  ...attrs
}: Omit<LooseSelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  options: Options;
  value: string;
  onChange: (value: string) => void;
}) {
  const field = useField();
  return (
    <select
      id={field.id}
      aria-invalid={invalidAttr(field.invalid)}
      {...(attrs as SelectHTMLAttributes<HTMLSelectElement>)}
      aria-describedby={describedBy(attrs['aria-describedby'], field)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** A text input bound to a value: `<TextInput value={draft.name} onValue={set('name')} />`. */
export function TextInput({
  value,
  onValue,
  ...attrs
}: Omit<LooseInputHTMLAttributes<HTMLInputElement>, 'value'> & {
  value: string | number | null | undefined;
  onValue: (value: string) => void;
}) {
  return <Input type="text" {...attrs} value={value ?? ''} onInput={(e) => onValue(e.currentTarget.value)} />;
}

/** A notice is a polite status, an error an alert. */
export interface MessageValue {
  kind: 'notice' | 'error';
  text: string;
}

export function Message({ message }: { message: MessageValue | null }) {
  if (!message) return null;
  return (
    <p class={message.kind} role={message.kind === 'notice' ? 'status' : 'alert'}>
      {message.text}
    </p>
  );
}

/** The API's field messages are English; a hint per field says it in the page's language. */
export function localised(details: ErrorDetail[], hints: Readonly<Record<string, TextKey>>): ErrorDetail[] {
  return details.map((detail) => {
    const path = pathOf(detail).split('.');
    for (let n = path.length; n > 0; n -= 1) {
      const hint = hints[path.slice(0, n).join('.')];
      if (hint) return { ...detail, message: t(hint) };
    }
    return detail;
  });
}

/**
 * Field errors go next to their fields (and focus to the first, once drawn); anything else is one
 * message. Returns the message to show.
 */
export function problem(form: FormState, err: unknown, hints: Readonly<Record<string, TextKey>> = {}): MessageValue {
  if (err instanceof ApiError && err.details.length > 0) {
    form.setErrors(localised(err.details, hints));
    return { kind: 'error', text: t('form.invalid') };
  }
  return { kind: 'error', text: errorText(err) };
}

/** "nl, ar tr" → ["nl", "ar", "tr"]. */
export function languagesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.toLowerCase())
    .filter(Boolean);
}

export function numberOrNull(value: string): number | null {
  return value.trim() === '' ? null : Number(value);
}
