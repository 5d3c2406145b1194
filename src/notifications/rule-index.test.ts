import { describe, expect, it } from 'vitest';
import { RuleIndex, type IndexedRule } from './rule-index.ts';

const rule = (name: string, documentType: string, event: IndexedRule['event'], extra: Partial<IndexedRule> = {}): IndexedRule => ({
  name,
  enabled: true,
  documentType,
  event,
  ...extra,
});

describe('RuleIndex', () => {
  it('finds the rules of a hook by doctype and event, Method rules by hook name', () => {
    const index = new RuleIndex([
      rule('new-issue', 'Issue', 'New'),
      rule('saved-issue', 'Issue', 'Save'),
      rule('changed-status', 'Issue', 'Value Change'),
      rule('trash', 'Issue', 'Method', { method: 'on_trash' }),
      rule('new-task', 'Task', 'New'),
    ]);
    const names = (hook: Parameters<typeof index.matchHook>[1], action: Parameters<typeof index.matchHook>[2]) =>
      index.matchHook('Issue', hook, action).map((m) => `${m.rule.name}:${m.event}`);
    expect(names('after_insert', 'insert')).toEqual(['new-issue:New']);
    expect(names('on_update', 'save')).toEqual(['saved-issue:Save']);
    expect(names('on_change', 'save')).toEqual(['changed-status:Value Change']);
    expect(names('on_change', 'insert')).toEqual([]);
    expect(names('on_trash', 'delete')).toEqual(['trash:Method']);
    expect(index.matchHook('Nothing', 'after_insert', 'insert')).toEqual([]);
  });

  it('replaces a rule by name, drops disabled rules from lookups but keeps them by name', () => {
    const index = new RuleIndex([rule('r', 'Issue', 'New')]);
    index.put(rule('r', 'Issue', 'Save'));
    expect(index.rulesFor('Issue', 'New')).toEqual([]);
    expect(index.rulesFor('Issue', 'Save').map((r) => r.name)).toEqual(['r']);
    index.put(rule('r', 'Issue', 'Save', { enabled: false }));
    expect(index.rulesFor('Issue', 'Save')).toEqual([]);
    expect(index.get('r')?.enabled).toBe(false);
    index.remove('r');
    expect(index.size).toBe(0);
  });

  it('finds the one matching rule among 10,000 on other doctypes', () => {
    const rules = Array.from({ length: 10_000 }, (_, i) => rule(`other-${i}`, `Other ${i % 100}`, 'Save'));
    const index = new RuleIndex([...rules, rule('mine', 'Issue', 'Save')]);
    expect(index.matchHook('Issue', 'on_update', 'save').map((m) => m.rule.name)).toEqual(['mine']);
  });
});
