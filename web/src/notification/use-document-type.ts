import { useEffect, useState } from 'react';
import { api, type Doc, type DocField } from '../api.ts';
import { loadMeta } from '../doctypes.ts';
import { useAsync } from '../use-async.ts';

const NO_VALUE_TYPES = new Set([
  'Section Break',
  'Column Break',
  'Tab Break',
  'HTML',
  'Button',
  'Table',
  'Table MultiSelect',
  'Fold',
  'Heading',
]);
const RECENT_DOCUMENTS = 20;
const SETTLE_MS = 300;

export interface DocumentType {
  /** The typed name, trimmed, once it has stopped changing; '' when none. */
  name: string;
  /** Its fields that hold a value (none until it has loaded). */
  fields: DocField[];
  /** Names of its most recently modified documents. */
  documents: string[];
  /** Why it could not be loaded. */
  error: unknown;
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The document type a notification watches, loaded once its name has been typed. */
export function useDocumentType(typed: string): DocumentType {
  const name = useSettled(typed.trim(), SETTLE_MS);
  const target = useAsync(async () => {
    if (!name) return undefined;
    const [targetMeta, docs] = await Promise.all([
      loadMeta(name),
      api.list(name, { fields: ['name'], pageLength: RECENT_DOCUMENTS, orderBy: 'modified desc' }).catch(() => [] as Doc[]),
    ]);
    return { meta: targetMeta, documents: docs.map((d) => String(d.name)) };
  }, [name]);
  return {
    name,
    fields: (target.data?.meta.fields ?? []).filter((f) => !NO_VALUE_TYPES.has(f.fieldtype)),
    documents: target.data?.documents ?? [],
    error: target.error,
  };
}
