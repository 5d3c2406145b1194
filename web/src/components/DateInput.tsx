import { useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import {
  dateLayout,
  datePlaceholder,
  formatStoredDate,
  fromPickerValue,
  parseLocalDate,
  pickerValue,
  type DateKind,
  type DateLayout,
} from '../locale-dates.ts';
import './date-input.css';

export interface DateInputProps {
  kind: DateKind;
  id: string;
  name?: string;
  /** The stored form (`2026-12-31`, `2026-12-31 14:05:00`, `14:05:00`), '' or, while wrong, what was typed. */
  value: string;
  disabled?: boolean;
  /** ids of the hint and error paragraphs describing the input */
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  /** A stored value, '' when emptied, or the text as typed while it is not a date (the server then refuses it). */
  onChange(value: string): void;
}

const NATIVE_TYPES: Record<DateKind, string> = { Date: 'date', Datetime: 'datetime-local', Time: 'time' };

interface Shown {
  value: string;
  layout: DateLayout;
  text: string;
}

/**
 * A date, datetime or time typed the Desk language's way (31/12/2026 in French), with its format as the
 * placeholder, an error under it for a text that is no date (kept as typed), and a button opening the
 * browser's own picker.
 */
export function DateInput({ kind, id, name, value, disabled, describedBy, invalid, required, onChange }: DateInputProps) {
  const i18n = useI18n();
  const layout = useMemo(() => dateLayout(i18n.language), [i18n.language]);
  const format = datePlaceholder(kind, layout, {
    day: i18n.t('date.letters.day'),
    month: i18n.t('date.letters.month'),
    year: i18n.t('date.letters.year'),
    hour: i18n.t('date.letters.hour'),
    minute: i18n.t('date.letters.minute'),
  });
  const [shown, setShown] = useState<Shown>(() => ({ value, layout, text: formatStoredDate(value, kind, layout) }));
  const [checked, setChecked] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (a loaded document, the picker) or another language: write it anew.
  if (shown.value !== value || shown.layout !== layout) {
    const text =
      shown.value === value && 'error' in parseLocalDate(shown.text, kind, shown.layout)
        ? shown.text
        : formatStoredDate(value, kind, layout);
    setShown({ value, layout, text });
  }

  const parsed = parseLocalDate(shown.text, kind, layout);
  const error = checked && 'error' in parsed ? parsed.error : undefined;
  const errorId = `${id}-date-error`;

  const type = (text: string) => {
    const read = parseLocalDate(text, kind, layout);
    const next = 'value' in read ? read.value : text;
    if ('value' in read) setChecked(false);
    setShown({ value: next, layout, text });
    onChange(next);
  };
  const choose = (stored: string) => {
    setChecked(false);
    setShown({ value: stored, layout, text: formatStoredDate(stored, kind, layout) });
    onChange(stored);
  };
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      input.focus(); // no showPicker (older browsers): the native input takes the keyboard
    }
  };

  return (
    <div className="date-input">
      <div className="date-input-row">
        <input
          id={id}
          name={name}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={format}
          value={shown.text}
          disabled={disabled}
          aria-describedby={[error ? errorId : undefined, describedBy].filter(Boolean).join(' ') || undefined}
          aria-invalid={invalid || Boolean(error) || undefined}
          aria-required={required || undefined}
          onChange={(e) => type(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && setChecked(true)} // submitting: say now what is wrong
          onBlur={() => {
            setChecked(true);
            if ('value' in parsed) setShown({ ...shown, text: formatStoredDate(parsed.value, kind, layout) });
          }}
        />
        <button
          type="button"
          className="date-picker-button"
          disabled={disabled}
          aria-label={i18n.t(kind === 'Time' ? 'date.pickTime' : 'date.pickDate')}
          title={i18n.t(kind === 'Time' ? 'date.pickTime' : 'date.pickDate')}
          onClick={openPicker}
        >
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            {kind === 'Time' ? (
              <path d="M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z" />
            ) : (
              <path d="M8 3v4M16 3v4M3 10h18M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z" />
            )}
          </svg>
        </button>
        <input
          ref={picker}
          className="date-picker-native"
          type={NATIVE_TYPES[kind]}
          step={kind === 'Date' ? undefined : 1}
          tabIndex={-1}
          aria-hidden="true"
          aria-label={i18n.t(kind === 'Time' ? 'date.pickTime' : 'date.pickDate')}
          disabled={disabled}
          value={pickerValue(value, kind)}
          onChange={(e) => choose(fromPickerValue(e.target.value, kind))}
        />
      </div>
      {error && (
        <p className="field-error date-input-error" id={errorId}>
          {i18n.t(error === 'format' ? 'date.format' : 'date.impossible', { text: shown.text.trim(), format })}
        </p>
      )}
    </div>
  );
}
