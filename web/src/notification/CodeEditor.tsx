import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, defaultHighlightStyle, syntaxHighlighting, type StreamParser } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** A syntax error the server found in `source` (1-based line and column), to mark in the editor. */
export interface SourceProblem {
  source: string;
  line: number;
  column: number | null;
  message: string;
}

export interface CodeEditorProps {
  /** The id of the hidden textarea kept in sync with the editor (tests and forms read and fill it). */
  id: string;
  /** The editor's accessible name: its text (`label`), or the id of the element naming it (`labelledBy`). */
  label?: string;
  labelledBy?: string;
  value: string;
  describedBy?: string;
  invalid?: boolean;
  /** Marked in the editor while the editor holds exactly `problem.source`. */
  problem?: SourceProblem;
  onChange(value: string): void;
}

interface Setup {
  language: StreamParser<unknown>;
  /** Read on each request, so it may change between renders. */
  complete: CompletionSource;
  className: string;
  lineNumbers: boolean;
}

const attributes = ({ label, labelledBy, describedBy, invalid }: CodeEditorProps) =>
  EditorView.contentAttributes.of({
    'aria-multiline': 'true',
    ...(labelledBy ? { 'aria-labelledby': labelledBy } : label ? { 'aria-label': label } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
  });

/** The problem as a lint diagnostic: from its column to the end of its line (the whole line without a column). */
function diagnosticOf(doc: Text, problem: SourceProblem | undefined): Diagnostic[] {
  if (!problem || doc.toString() !== problem.source || problem.line < 1 || problem.line > doc.lines) return [];
  const line = doc.line(problem.line);
  let from = problem.column === null ? line.from : Math.min(line.from + problem.column - 1, line.to);
  if (from === line.to && line.length > 0) from = line.from;
  return [{ from, to: line.to, severity: 'error', message: problem.message }];
}

/**
 * A CodeMirror 6 editor for a form field: highlighting by `setup.language`, completion, the server's
 * syntax error marked at its line, and a visually hidden `<textarea id={id}>` holding the same text both
 * ways so the value stays reachable. Tab is not bound: it moves the focus on, as in any form field.
 */
export function CodeEditor(props: CodeEditorProps & { setup: Setup }) {
  const { id, value, problem, setup, onChange } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const aria = useRef(new Compartment());
  const completeRef = useRef(setup.complete);
  completeRef.current = setup.complete;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          setup.lineNumbers ? lineNumbers() : [],
          lintGutter(),
          history(),
          highlightActiveLine(),
          StreamLanguage.define(setup.language),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [(context) => completeRef.current(context)], activateOnTyping: true }),
          keymap.of([...completionKeymap, ...lintKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ id: `${id}-editor` }),
          aria.current.of(attributes(props)),
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
    // Created once; the value, names and problem are pushed in below, the callbacks read through refs.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: aria.current.reconfigure(attributes(props)) });
  }, [props.label, props.labelledBy, props.describedBy, props.invalid]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, diagnosticOf(editor.state.doc, problem)));
  }, [problem?.source, problem?.line, problem?.column, problem?.message, value]);

  return (
    <>
      <div className={`code-editor ${setup.className}`} ref={host} />
      <textarea id={id} className="sr-only" tabIndex={-1} aria-hidden="true" value={value} onChange={(e) => onChange(e.target.value)} />
    </>
  );
}
