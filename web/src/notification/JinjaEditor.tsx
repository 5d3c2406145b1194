import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { jinja2 } from '@codemirror/legacy-modes/mode/jinja2';
import { CodeEditor, type CodeEditorProps } from './CodeEditor.tsx';

/** A field offered after `doc.` */
export interface CompletionField {
  fieldname: string;
  label: string;
  fieldtype: string;
}

/** The fields of the document as completions of the word after `doc.` (or `doc_before_save.`). */
export function fieldOptions(fields: CompletionField[]) {
  return [
    { label: 'name', type: 'property', detail: 'Name' },
    ...fields.map((f) => ({ label: f.fieldname, type: 'property', detail: `${f.label} · ${f.fieldtype}` })),
  ];
}

/**
 * A Jinja editor (the jinja2 mode of @codemirror/legacy-modes) offering `doc.<fieldname>` completions
 * from the chosen doctype's fields, with line numbers.
 */
export function JinjaEditor({ fields, ...props }: CodeEditorProps & { fields: CompletionField[] }) {
  const complete = (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/\bdoc\.\w*/);
    if (!word) return null;
    return { from: word.from + 4, options: fieldOptions(fields), validFor: /^\w*$/ };
  };
  return <CodeEditor {...props} setup={{ language: jinja2, complete, className: 'jinja-editor', lineNumbers: true }} />;
}
