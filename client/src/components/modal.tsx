import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { withWholeRefs } from './whole-refs.js';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/** A modal built on <dialog>: the browser traps focus, Esc closes it, and focus returns to the opener. */
export function Modal({ title, onClose, children, wide }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    const handleCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', handleCancel);
    return () => {
      dialog.removeEventListener('cancel', handleCancel);
      dialog.close();
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal${wide ? ' modal--wide' : ''}`} aria-labelledby="modal-title">
      <header className="modal-header">
        <h2 id="modal-title">{withWholeRefs(title)}</h2>
        <button type="button" className="button button--ghost button--icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
