/**
 * Every sentence Relais says has its French: the test reads each `tr` template in src/ (with the
 * TypeScript parser, as the catalogue's keys are built) and looks it up in the French catalogue. It
 * also fails on French nobody says any more, and on placeholders the French forgets or invents.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FRENCH_SENTENCES, FRENCH_TERMS } from './catalogue.ts';
import { templateOf, tr, term } from './text.ts';

const SRC = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

interface Found {
  template: string;
  where: string;
}

/** Each tr`…` of `file`, as its catalogue key. */
function templatesIn(file: string): Found[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'tr') {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...t.templateSpans.map((span) => span.literal.text)];
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push({ template: templateOf(parts), where: `${path.relative(SRC, file)}:${line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const said = sourceFiles(SRC).flatMap(templatesIn);

/** Each term('…') of `file` written with a literal word. */
function literalTermsIn(file: string): Found[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'term') {
      const [word] = node.arguments;
      if (word && ts.isStringLiteralLike(word)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({ template: word.text, where: `${path.relative(SRC, file)}:${line + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
/** Templates with nothing to translate: only placeholders and punctuation. */
const wordless = (template: string) => !/\p{L}/u.test(template.replace(/\{\d+\}/g, ''));

describe('the French catalogue', () => {
  it('finds the sentences Relais says', () => {
    expect(said.length).toBeGreaterThan(0);
  });

  it('has French for every sentence', () => {
    const missing = said.filter((s) => !wordless(s.template) && FRENCH_SENTENCES[s.template] === undefined);
    expect(missing.map((s) => `${s.where}: ${s.template}`)).toEqual([]);
  });

  it('has no French for sentences nobody says', () => {
    const templates = new Set(said.map((s) => s.template));
    expect(Object.keys(FRENCH_SENTENCES).filter((key) => !templates.has(key))).toEqual([]);
  });

  it('has French for every word the server names with a literal term()', () => {
    const terms = sourceFiles(SRC).flatMap(literalTermsIn);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.filter((t) => FRENCH_TERMS[t.template] === undefined).map((t) => `${t.where}: ${t.template}`)).toEqual([]);
  });

  it('keeps every placeholder of the English, and invents none', () => {
    const placeholders = (template: string) => [...template.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    const wrong = Object.entries(FRENCH_SENTENCES).filter(([en, fr]) => placeholders(en).join() !== placeholders(fr).join());
    expect(wrong).toEqual([]);
  });
});

describe('Text', () => {
  it('says a sentence in English or French, its values in place, nested sentences and terms translated', () => {
    const inner = tr`${'x'} is not a URL`;
    const text = tr`${term('Webhook URL')}: ${inner}`;
    expect(String(text)).toBe('Webhook URL: x is not a URL');
    expect(text.template).toBe('{0}: {1}');
    expect(JSON.stringify({ text })).toBe('{"text":"Webhook URL: x is not a URL"}');
  });
});
