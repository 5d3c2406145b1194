import {
  insertCompletionText,
  pickedCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { python } from '@codemirror/legacy-modes/mode/python';
import { CodeEditor, type CodeEditorProps } from './CodeEditor.tsx';
import { CONDITION_DOCUMENTS, CONDITION_FUNCTIONS, CONDITION_KEYWORDS, type ConditionFunction } from './condition-names.ts';
import { fieldOptions, type CompletionField } from './JinjaEditor.tsx';

/** A function as a completion: inserts `name()`, the cursor between the parentheses when it takes arguments. */
function functionOption(name: string, f: ConditionFunction): Completion {
  return {
    label: name,
    type: 'function',
    detail: `(${f.params.join(', ')})`,
    apply(view, completion, from, to) {
      const text = `${name}()`;
      const spec = insertCompletionText(view.state, text, from, to);
      const cursor = from + name.length + (f.params.length ? 1 : 2);
      view.dispatch({ ...spec, selection: { anchor: cursor }, annotations: pickedCompletion.of(completion) });
    },
  };
}

/** The names completing `prefix.`: the next segment of each function path under it. */
function membersOf(prefix: string): Completion[] {
  const seen = new Map<string, Completion>();
  for (const f of CONDITION_FUNCTIONS) {
    if (!f.path.startsWith(`${prefix}.`)) continue;
    const rest = f.path.slice(prefix.length + 1).split('.');
    if (seen.has(rest[0])) continue;
    seen.set(rest[0], rest.length === 1 ? functionOption(rest[0], f) : { label: rest[0], type: 'namespace' });
  }
  return [...seen.values()];
}

/** The first segment of each function path: `nowdate`, `now`, `_` and the namespace `frappe`. */
const HEADS = [...new Set(CONDITION_FUNCTIONS.map((f) => f.path.split('.')[0]))].map((head): Completion => {
  const f = CONDITION_FUNCTIONS.find((c) => c.path === head);
  return f ? functionOption(head, f) : { label: head, type: 'namespace' };
});

const TOP_LEVEL: Completion[] = [
  ...CONDITION_DOCUMENTS.map((d) => ({ label: d, type: 'variable' })),
  ...HEADS,
  ...CONDITION_KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
];

/**
 * A condition editor: a Python expression (the python mode of @codemirror/legacy-modes), a line or two
 * high, offering `doc.<fieldname>` from the chosen doctype's fields and the functions a condition may
 * call (`nowdate()`, `frappe.utils.add_days(…)`…); nothing is offered inside a string or a comment.
 */
export function ConditionEditor({ fields, ...props }: CodeEditorProps & { fields: CompletionField[] }) {
  const complete = (context: CompletionContext): CompletionResult | null => {
    const token = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (/string|comment/.test(token.name)) return null;
    const word = context.matchBefore(/[A-Za-z_][\w.]*/);
    if (!word) return context.explicit ? { from: context.pos, options: TOP_LEVEL } : null;
    const dot = word.text.lastIndexOf('.');
    const prefix = dot < 0 ? '' : word.text.slice(0, dot);
    const from = word.from + dot + 1;
    const options = (CONDITION_DOCUMENTS as readonly string[]).includes(prefix)
      ? fieldOptions(fields)
      : prefix === ''
        ? TOP_LEVEL
        : membersOf(prefix);
    return options.length ? { from, options, validFor: /^\w*$/ } : null;
  };
  return <CodeEditor {...props} setup={{ language: python, complete, className: 'condition-editor', lineNumbers: false }} />;
}
