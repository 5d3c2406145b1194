/**
 * A `Text` as it crosses the render worker's boundary. A class instance loses its prototype in
 * `postMessage` (and JSON), so a problem's words travel as their template and values and are rebuilt
 * into a `Text` on the main thread, which says them in the reader's language.
 */
import { Term, Text, term } from '../i18n/text.ts';

/** A `Text` as plain data: its English template and its values. */
export interface WireText {
  template: string;
  values: WireValue[];
}

/** A value of a `WireText`: a string or number as given, a term (a word stored in English), or a nested text. */
export type WireValue = string | number | { term: string } | WireText;

/** `text` as plain data; values other than strings, numbers, terms and texts travel as their string. */
export function textToWire(text: Text): WireText {
  return { template: text.template, values: text.values.map(valueToWire) };
}

function valueToWire(value: unknown): WireValue {
  if (value instanceof Text) return textToWire(value);
  if (value instanceof Term) return { term: value.english };
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** The `Text` that `textToWire` made `wire` from. */
export function textFromWire(wire: WireText): Text {
  return new Text(wire.template, wire.values.map(valueFromWire));
}

function valueFromWire(value: WireValue): unknown {
  if (typeof value !== 'object') return value;
  return 'term' in value ? term(value.term) : textFromWire(value);
}
