import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { RelaisApp } from '../src/app.ts';
import { DocumentService } from '../src/documents/document-service.ts';
import { Store } from '../src/store/store.ts';

/** What a census of the statements a few writes issue found, per write. */
export interface Census {
  writes: number;
  /** "select tabBench Ticket" → statements per write; BEGIN and COMMIT are not seen by plugins. */
  perWrite: Map<string, number>;
}

function describeNode(node: RootOperationNode): string {
  const n = node as any;
  const kind = String(n.kind)
    .replace(/QueryNode$|Node$/, '')
    .toLowerCase();
  const table = n.from?.froms?.[0] ?? n.into ?? n.table;
  const name =
    table?.table?.identifier?.name ??
    table?.identifier?.name ??
    table?.node?.sqlFragments?.join('?') ??
    n.sqlFragments?.join('?').trim().split(/\s+/).slice(0, 3).join(' ') ??
    '';
  return `${kind} ${name}`.trim();
}

/**
 * Runs `write` `count` times through a DocumentService (sharing the app's metas and hooks) whose
 * store counts every statement Kysely issues — outside any timing — to show what one write costs.
 */
export async function censusOf(
  app: RelaisApp,
  count: number,
  write: (documents: DocumentService, i: number) => Promise<unknown>,
): Promise<Census> {
  const seen = new Map<string, number>();
  const plugin: KyselyPlugin = {
    transformQuery(args: { node: RootOperationNode; queryId: QueryId }) {
      const key = describeNode(args.node);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const counted = new DocumentService(new Store(app.store.db.withPlugin(plugin), app.store.adapter), app.registry, app.hooks);
  for (let i = 0; i < count; i++) await write(counted, i);
  return { writes: count, perWrite: new Map([...seen].map(([k, v]) => [k, v / count])) };
}

export function formatCensus(c: Census): string {
  const total = [...c.perWrite.values()].reduce((a, b) => a + b, 0);
  const parts = [...c.perWrite].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${Number(v.toFixed(2))}`);
  return `${Number(total.toFixed(2))} statements + BEGIN/COMMIT: ${parts.join(', ')}`;
}
