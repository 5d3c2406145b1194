import type { RelaisApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/documents/permissions.ts';
import { DOCTYPE, rng, ticketInput, ticketUpdate } from './bench-doctype.ts';
import { censusOf, type Census } from './query-census.ts';
import { fmtRate, medianRound, perSecond, timeSequential, type Timing } from './stats.ts';

/** Insert and update timings of one database. */
export interface WriteResult {
  inserts: Timing;
  updates: Timing;
  /** Statements one insert / one update issues, counted on 20 more writes after the timed runs. */
  insertCensus: Census;
  updateCensus: Census;
}

/**
 * Sequential writes through the DocumentService (one writer, SYSTEM_ACTOR, each write in its own
 * transaction): `warmup` inserts and updates that are not timed, then `rounds` rounds of `count`
 * timed inserts of a document with 5 child rows followed by `count` timed partial updates of those
 * documents. The median round is reported; every round's rate is printed.
 */
export async function benchWrites(app: RelaisApp, count: number, warmup: number, rounds = 3): Promise<WriteResult> {
  const insertRounds: Timing[] = [];
  const updateRounds: Timing[] = [];
  let last: WriteResult | undefined;
  for (let r = 0; r < rounds; r++) {
    last = await benchWriteRound(app, count, r === 0 ? warmup : 0, 42 + r);
    insertRounds.push(last.inserts);
    updateRounds.push(last.updates);
  }
  console.log(
    `  rounds: inserts/s ${insertRounds.map((t) => fmtRate(perSecond(t))).join(', ')}; updates/s ${updateRounds.map((t) => fmtRate(perSecond(t))).join(', ')} (median reported)`,
  );
  return { ...last!, inserts: medianRound(insertRounds), updates: medianRound(updateRounds) };
}

async function benchWriteRound(app: RelaisApp, count: number, warmup: number, seed: number): Promise<WriteResult> {
  const random = rng(seed);
  const warm: string[] = [];
  for (let i = 0; i < warmup; i++) warm.push((await app.documents.insert(DOCTYPE, ticketInput(i, random), SYSTEM_ACTOR)).name);
  for (let i = 0; i < warmup; i++) await app.documents.update(DOCTYPE, warm[i], ticketUpdate(i, random), SYSTEM_ACTOR);

  const names = new Array<string>(count);
  const inputs = Array.from({ length: count }, (_, i) => ticketInput(warmup + i, random));
  const inserts = await timeSequential(count, async (i) => {
    names[i] = (await app.documents.insert(DOCTYPE, inputs[i], SYSTEM_ACTOR)).name;
  });
  const changes = Array.from({ length: count }, (_, i) => ticketUpdate(i, random));
  const updates = await timeSequential(count, (i) => app.documents.update(DOCTYPE, names[i], changes[i], SYSTEM_ACTOR));
  const counted: string[] = [];
  const insertCensus = await censusOf(app, 20, async (documents, i) => {
    counted.push((await documents.insert(DOCTYPE, ticketInput(i, random), SYSTEM_ACTOR)).name);
  });
  const updateCensus = await censusOf(app, 20, (documents, i) =>
    documents.update(DOCTYPE, counted[i], ticketUpdate(i, random), SYSTEM_ACTOR),
  );
  return { inserts, updates, insertCensus, updateCensus };
}
