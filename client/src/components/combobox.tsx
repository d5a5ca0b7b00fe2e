import { useEffect, useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import './combobox.css';

export interface ComboOption {
  value: string;
  label: string;
  /** Shown after the label, quieter (a code). */
  hint?: string;
  /** A second line under the label (what an old place is now). */
  detail?: string;
  /** Shown indented under the option before it (a part of it). */
  sub?: boolean;
}

export interface ComboboxProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  /** The options matching what was typed, best first; '' gives the whole list. */
  search?: (query: string) => ComboOption[];
  /** Or options found elsewhere (a server search): the box reports what is typed and shows these. */
  options?: ComboOption[];
  onQuery?: (query: string) => void;
  /** What the box shows for a chosen value ('' shows the placeholder). */
  labelOf: (value: string) => string;
  placeholder?: string;
  /** Said in the list when nothing matches. */
  noMatches: string;
  /** Emptying the box and leaving it chooses '' (not known). */
  clearable?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'data-testid'?: string;
}

/**
 * A searchable picker: the ARIA 1.2 combobox with a list (WAI-ARIA Authoring Practices, "list autocomplete with
 * manual selection"). Typing filters; arrows move, Enter or a click chooses, Escape or leaving without choosing puts
 * the chosen value back, so the form only ever holds a value from the list. Tab chooses the highlighted match when
 * something was typed, as operators expect when they type "hmong" and move on.
 */
export function Combobox(p: ComboboxProps) {
  const listId = `${useId()}-list`;
  const [query, setQuery] = useState<string | null>(null); // null: not typing, the box shows the chosen value
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const find = (q: string) => p.options ?? p.search?.(q) ?? [];
  const options = useMemo(() => (open ? find(query ?? '') : []), [open, query, p.search, p.options]);
  const optionId = (i: number) => `${listId}-${i}`;

  useEffect(() => {
    if (open) document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active, listId]);

  const openAt = (q: string | null) => {
    const list = find(q ?? '');
    setActive(q ? 0 : Math.max(0, list.findIndex((o) => o.value === p.value)));
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (o: ComboOption | undefined) => {
    if (o) p.onChange(o.value);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (d: number) => setActive((a) => Math.min(Math.max(a + d, 0), Math.max(options.length - 1, 0)));
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) openAt(query);
      else move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault(); // choosing is not submitting the form
      choose(options[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab' && open && query) {
      choose(options[active]);
    }
  };

  const onBlur = () => {
    if (p.clearable && query !== null && query.trim() === '') p.onChange('');
    close();
    p.onBlur?.();
  };

  return (
    <div className="combobox">
      <input
        id={p.id}
        ref={p.inputRef}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        aria-invalid={p['aria-invalid']}
        aria-describedby={p['aria-describedby']}
        data-testid={p['data-testid']}
        data-value={p.value}
        autoComplete="off"
        spellCheck={false}
        placeholder={p.placeholder}
        value={query ?? p.labelOf(p.value)}
        onChange={(e) => {
          setQuery(e.target.value);
          p.onQuery?.(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => !open && openAt(query)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      {open && options.length > 0 && (
        <ul id={listId} role="listbox" className="combobox-list">
          {options.map((o, i) => (
            <li
              key={o.value || '-'}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              data-value={o.value}
              className={`combobox-option${o.value === p.value ? ' combobox-option--chosen' : ''}${o.sub ? ' combobox-option--sub' : ''}`}
              onMouseDown={(e) => e.preventDefault()} // keep the focus in the box
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o)}
            >
              <span>
                {o.label}
                {o.detail && <span className="combobox-detail">{o.detail}</span>}
              </span>
              {o.hint && <span className="combobox-hint">{o.hint}</span>}
            </li>
          ))}
        </ul>
      )}
      {open && options.length === 0 && (
        <p className="combobox-list combobox-empty" role="status">
          {p.noMatches}
        </p>
      )}
    </div>
  );
}
