/** What every page does to start: draw into `#app`, or say in the page's language why it could not. */
import { type ComponentChildren, render } from 'preact';
import { errorText } from '../lib/api.js';

export function ErrorLine({ text }: { text: string }) {
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

export function mountPage(view: ComponentChildren, into = document.getElementById('app')!): void {
  render(view, into);
}

/** Loads what a page needs first, then draws it; a failure is one message where the page would be. */
export async function startPage<T>(load: () => Promise<T>, view: (data: T) => ComponentChildren): Promise<void> {
  try {
    mountPage(view(await load()));
  } catch (err) {
    mountPage(<ErrorLine text={errorText(err)} />);
  }
}
