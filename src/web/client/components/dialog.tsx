/** A modal dialog (the browser's own `<dialog>`: focus is kept inside, Escape closes it). */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n.js';

export function Dialog(props: { titleId: string; title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={props.titleId} onClose={props.onClose}>
      <div class="dialog-body">
        <div class="dialog-head">
          <h2 id={props.titleId}>{props.title}</h2>
          <button type="button" onClick={() => ref.current?.close()}>
            {t('detail.close')}
          </button>
        </div>
        {props.children}
      </div>
    </dialog>
  );
}
