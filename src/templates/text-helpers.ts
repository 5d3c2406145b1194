/** Number, string and escaping helpers of `frappe.utils`, plus per-chat-service escaping filters. */

/** `flt(value, precision)`: a number, 0 when not numeric (Frappe's lenient float); halves round away from zero. */
export function flt(value: unknown, precision?: unknown): number {
  let n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(String(value ?? '').replace(/,/g, ''));
  if (typeof value === 'boolean') n = value ? 1 : 0;
  if (!Number.isFinite(n)) n = 0;
  if (precision === null || precision === undefined || precision === '') return n;
  const factor = 10 ** Math.max(0, Math.trunc(Number(precision)));
  return (Math.sign(n) * Math.round(Math.abs(n) * factor)) / factor;
}

/** `cint(value)`: an integer, 0 when not numeric (truncates like Python's `int(float(x))`). */
export function cint(value: unknown): number {
  return Math.trunc(flt(value));
}

/** `cstr(value)`: a string, `''` for none. */
export function cstr(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `fmt_money(amount, precision=2, currency=None, format="#,###.##")`: grouped digits, the currency's
 * symbol in front when a currency is given (`€ 1,234.50`). Formats: `#,###.##`, `#.###,##`, `# ###.##`, `#'###.##`.
 */
export function fmtMoney(amount: unknown, precision?: unknown, currency?: unknown, format?: unknown): string {
  const digits = precision === null || precision === undefined || precision === '' ? 2 : Math.max(0, cint(precision));
  const pattern = typeof format === 'string' && format ? format : '#,###.##';
  const m = /^#(.?)###(?:(.)#+)?$/.exec(pattern);
  const group = m ? m[1] : ',';
  const decimal = m?.[2] ?? '.';
  const n = flt(amount, digits);
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const text = `${n < 0 ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
  return currency ? `${currencySymbol(String(currency))} ${text}` : text;
}

function currencySymbol(code: string): string {
  try {
    const parts = new Intl.NumberFormat('en', { style: 'currency', currency: code }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? code;
  } catch {
    return code;
  }
}

/** Frappe's doctype slug in URLs: lower case, spaces to hyphens (`Sales Invoice` → `sales-invoice`). */
export function doctypeSlug(doctype: string): string {
  return doctype.toLowerCase().replace(/ /g, '-');
}

/** `get_url_to_form(doctype, name)`: `{siteUrl}/app/{slug}/{name}`. */
export function urlToForm(siteUrl: string, doctype: unknown, name: unknown): string {
  return `${siteUrl.replace(/\/+$/, '')}/app/${encodeURIComponent(doctypeSlug(cstr(doctype)))}/${encodeURIComponent(cstr(name))}`;
}

/** `get_link_to_form(doctype, name, label)`: an HTML link to the document (label escaped). */
export function linkToForm(siteUrl: string, doctype: unknown, name: unknown, label?: unknown): string {
  return `<a href="${escapeHtml(urlToForm(siteUrl, doctype, name))}">${escapeHtml(cstr(label || name))}</a>`;
}

/** `strip_html(text)`: the text without tags. */
export function stripHtml(value: unknown): string {
  return cstr(value).replace(/<[^>]*>/g, '');
}

/** `escape_html(text)` and the `html_escape` filter: `& < > " '` as entities. */
export function escapeHtml(value: unknown): string {
  return cstr(value).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** `google_chat_escape` / `slack_escape`: `& < >` as entities, as both services' markup requires. */
export function chatEscape(value: unknown): string {
  return cstr(value).replace(/[&<>]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[c]};`);
}

/**
 * `markdown_escape` (Mattermost, Discord, Rocket.Chat, Zulip, Teams): a backslash before Markdown's
 * special characters, and a zero-width space after an `@` that could start a mention. Markdown has no
 * escape for a mention, so on Mattermost and Rocket.Chat a value such as `@channel` or `@all` would ping
 * everyone; the invisible space keeps it from being a mention while it reads the same. An `@` inside a word (an
 * e-mail address) cannot start a mention there and is left as it is, so addresses copy cleanly.
 */
export function markdownEscape(value: unknown): string {
  return cstr(value)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`)
    .replace(/(^|[^\p{L}\p{N}])@(?=[\p{L}\p{N}_])/gu, '$1@\u200b');
}
