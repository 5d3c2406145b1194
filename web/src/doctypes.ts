import { api, type DocTypeMeta } from './api.ts';
import { NAV } from './nav.ts';

/** The URL segment of a doctype, as Frappe makes it: `Incoming Webhook URL` → `incoming-webhook-url`. */
export function slugOf(doctype: string): string {
  return doctype.toLowerCase().replace(/ /g, '-');
}

/** The Desk path of a doctype's list, or of one of its documents (`new` for a new one). */
export function deskPath(doctype: string, name?: string): string {
  return name === undefined ? `/${slugOf(doctype)}` : `/${slugOf(doctype)}/${encodeURIComponent(name)}`;
}

let metas = new Map<string, Promise<DocTypeMeta>>();
let doctypeNames: Promise<string[]> | undefined;

/** A doctype's definition, read once per session. */
export function loadMeta(doctype: string): Promise<DocTypeMeta> {
  let meta = metas.get(doctype);
  if (!meta) {
    meta = api.meta(doctype);
    meta.catch(() => metas.delete(doctype)); // try again next time
    metas.set(doctype, meta);
  }
  return meta;
}

/** The doctype a URL segment names, or undefined when none does. */
export async function doctypeOfSlug(slug: string): Promise<string | undefined> {
  const known = NAV.flatMap((group) => group.doctypes).find((name) => slugOf(name) === slug);
  if (known) return known;
  if (!doctypeNames) {
    doctypeNames = api.list('DocType', { fields: ['name'], pageLength: 0 }).then((docs) => docs.map((d) => String(d.name)));
    doctypeNames.catch(() => (doctypeNames = undefined));
  }
  return (await doctypeNames).find((name) => slugOf(name) === slug);
}

/** Forget what was read (another user may see other doctypes). */
export function clearDoctypeCaches(): void {
  metas = new Map();
  doctypeNames = undefined;
}
