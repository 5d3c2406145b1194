/**
 * Rendered Notification messages are HTML or plain text (Frappe lets either through): the helpers the
 * e-mail and SMS channels share to tell them apart, escape text for HTML and strip HTML to text.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';

/** An opening or closing tag (`<p>`, `</b>`, `<br/>`, `<a href="…">`); `a < b` or `<3` are not tags. */
const TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;

/** Whether `text` holds at least one HTML tag (else it is plain text whose newlines mean line breaks). */
export function hasHtmlTags(text: string): boolean {
  return TAG.test(text);
}

/** Text made safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

const BASE: HtmlToTextOptions = {
  selectors: [
    ...HEADINGS,
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

const WRAPPED: HtmlToTextOptions = { ...BASE, wordwrap: 78 };
const UNWRAPPED: HtmlToTextOptions = { ...BASE, wordwrap: false };

/**
 * HTML as readable plain text (html-to-text: entities decoded, scripts and styles dropped, links as
 * `label [url]`, lists and tables laid out). `wrap` folds lines at 78 characters, as e-mail text does.
 */
export function htmlToText(html: string, { wrap }: { wrap: boolean }): string {
  return convert(html, wrap ? WRAPPED : UNWRAPPED).trim();
}

/** A message as plain text: HTML converted, plain text kept as it is (trimmed). */
export function messageAsText(message: string, options: { wrap: boolean }): string {
  return hasHtmlTags(message) ? htmlToText(message, options) : message.trim();
}
