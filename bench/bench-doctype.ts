import type { RelaisApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/documents/permissions.ts';

/** The child table of the benchmark doctype. */
export const ITEM_DOCTYPE = 'Bench Ticket Item';
/** The benchmark doctype: not submittable, 10 fields of mixed types and a child table. */
export const DOCTYPE = 'Bench Ticket';

export const STATUSES = ['Open', 'Replied', 'On Hold', 'Resolved', 'Closed'] as const;
export const PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;
/** Share of documents with each status / priority (the list filters' selectivity follows from these). */
const STATUS_WEIGHTS = [0.2, 0.1, 0.1, 0.3, 0.3];
const PRIORITY_WEIGHTS = [0.3, 0.4, 0.2, 0.1];

/** Creates the two doctypes through the DocType API, as a user would. */
export async function defineBenchDoctypes(app: RelaisApp): Promise<void> {
  await app.documents.insert(
    'DocType',
    {
      name: ITEM_DOCTYPE,
      istable: 1,
      fields: [
        { fieldname: 'item_code', label: 'Item', fieldtype: 'Data', reqd: 1 },
        { fieldname: 'qty', label: 'Quantity', fieldtype: 'Int' },
        { fieldname: 'rate', label: 'Rate', fieldtype: 'Currency' },
        { fieldname: 'delivered', label: 'Delivered', fieldtype: 'Check' },
        { fieldname: 'note', label: 'Note', fieldtype: 'Small Text' },
      ],
    },
    SYSTEM_ACTOR,
  );
  await app.documents.insert(
    'DocType',
    {
      name: DOCTYPE,
      autoname: 'hash',
      is_submittable: 0,
      title_field: 'subject',
      fields: [
        { fieldname: 'subject', label: 'Subject', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
        { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: STATUSES.join('\n'), default: 'Open', search_index: 1 },
        {
          fieldname: 'priority',
          label: 'Priority',
          fieldtype: 'Select',
          options: PRIORITIES.join('\n'),
          default: 'Medium',
          search_index: 1,
        },
        { fieldname: 'assigned_to', label: 'Assigned To', fieldtype: 'Link', options: 'User' },
        { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' },
        { fieldname: 'quantity', label: 'Quantity', fieldtype: 'Int' },
        { fieldname: 'discount', label: 'Discount', fieldtype: 'Percent' },
        { fieldname: 'is_billable', label: 'Billable', fieldtype: 'Check' },
        { fieldname: 'due_date', label: 'Due Date', fieldtype: 'Date' },
        { fieldname: 'description', label: 'Description', fieldtype: 'Text' },
        { fieldname: 'items', label: 'Items', fieldtype: 'Table', options: ITEM_DOCTYPE },
      ],
    },
    SYSTEM_ACTOR,
  );
}

/** A deterministic pseudo-random generator (mulberry32), so every run writes the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(values: readonly T[], weights: number[], r: number): T {
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i];
    if (r < acc) return values[i];
  }
  return values[values.length - 1];
}

/** The field values of document number `i` (no child rows), as client input. */
export function ticketValues(i: number, random: () => number): Record<string, unknown> {
  const day = 1 + Math.floor(random() * 28);
  return {
    subject: `Ticket ${i}: printer on floor ${i % 12} is jammed again`,
    status: weighted(STATUSES, STATUS_WEIGHTS, random()),
    priority: weighted(PRIORITIES, PRIORITY_WEIGHTS, random()),
    assigned_to: 'Administrator',
    amount: Math.round(random() * 1_000_000) / 100,
    quantity: Math.floor(random() * 50),
    discount: Math.round(random() * 300) / 10,
    is_billable: random() < 0.5 ? 1 : 0,
    due_date: `2026-0${1 + (i % 9)}-${String(day).padStart(2, '0')}`,
    description: `Reported by the front desk. Attempt ${i}; see the attached photo and call back before noon.`,
  };
}

/** A full new document as client input: the fields and 5 child rows. */
export function ticketInput(i: number, random: () => number): Record<string, unknown> {
  const items = Array.from({ length: 5 }, (_, k) => ({
    item_code: `ITEM-${(i * 5 + k) % 997}`,
    qty: 1 + Math.floor(random() * 9),
    rate: Math.round(random() * 10_000) / 100,
    delivered: k % 2,
    note: k === 0 ? 'urgent part' : '',
  }));
  return { ...ticketValues(i, random), items };
}

/** A partial update (PUT body): three fields change, child rows are kept as stored. */
export function ticketUpdate(i: number, random: () => number): Record<string, unknown> {
  return {
    status: STATUSES[(i + 1) % STATUSES.length],
    amount: Math.round(random() * 1_000_000) / 100,
    description: `Updated after call ${i}: the part is on order.`,
  };
}
