/**
 * Keeps a webhook URL's secrets out of what Relais stores about an attempt. A service may repeat part
 * of the URL in its answer (ntfy echoes the topic, which on a public server is the password), so the
 * answer and the error message are cleaned before they reach the attempt log. The secrets are the
 * URL's path segments and query values that the adapter's mask hides: whatever the mask keeps is
 * not secret, by the adapter's own definition.
 */
import { Text } from '../i18n/text.ts';

const MIN_SECRET_CHARS = 6;
const HIDDEN = '••••';

/** The parts of `url` its mask does not show (as written and decoded), longest first. */
export function secretPartsOf(url: string, masked: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const candidates = [...parsed.pathname.split('/'), ...[...parsed.searchParams.values()].map((v) => encodeURIComponent(v))];
  const parts = new Set<string>();
  for (const raw of candidates) {
    for (const form of [raw, safeDecode(raw)]) {
      if (form.length >= MIN_SECRET_CHARS && !masked.includes(form)) parts.add(form);
    }
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

/** `text` with every secret part replaced. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(HIDDEN);
  return out;
}

/** `text` with every secret part replaced in its values (the service's answer it quotes); its words stay. */
export function redactText(text: Text, secrets: readonly string[]): Text {
  if (secrets.length === 0) return text;
  const values = text.values.map((value) =>
    typeof value === 'string' ? redact(value, secrets) : value instanceof Text ? redactText(value, secrets) : value,
  );
  return new Text(text.template, values);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
