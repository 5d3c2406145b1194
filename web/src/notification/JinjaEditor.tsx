import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { jinja2 } from '@codemirror/legacy-modes/mode/jinja2';
import { StreamLanguage, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** A field offered after `doc.` */
export interface CompletionField {
  fieldname: string;
  label: string;
  fieldtype: string;
}

interface Props {
  /** The id of the hidden textarea kept in sync with the editor (tests and forms read and fill it). */
  id: string;
  label: string;
  value: string;
  fields: CompletionField[];
  describedBy?: string;
  onChange(value: string): void;
}

/**
 * A Jinja editor (CodeMirror 6, the jinja2 mode of @codemirror/legacy-modes) offering `doc.<fieldname>`
 * completions from the chosen doctype's fields. Its content element is named by `label`; a visually
 * hidden `<textarea id={id}>` holds the same text, both ways, so the value stays reachable.
 */
export function JinjaEditor({ id, label, value, fields, describedBy, onChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const complete = (context: CompletionContext): CompletionResult | null => {
      const word = context.matchBefore(/\bdoc\.\w*/);
      if (!word) return null;
      return {
        from: word.from + 4,
        options: [
          { label: 'name', type: 'property', detail: 'Name' },
          ...fieldsRef.current.map((f) => ({ label: f.fieldname, type: 'property', detail: `${f.label} · ${f.fieldtype}` })),
        ],
        validFor: /^\w*$/,
      };
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          StreamLanguage.define(jinja2),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [complete], activateOnTyping: true }),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': label,
            'aria-multiline': 'true',
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = undefined;
    };
    // Created once; the value is pushed in below, the fields and callback read through refs.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return (
    <>
      <div className="jinja-editor" ref={host} />
      <textarea
        id={id}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
