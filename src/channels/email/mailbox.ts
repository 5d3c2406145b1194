/** E-mail addresses as Relais reads them: RELAIS_MAIL_FROM, a Notification's sender, the outbox's recipient lists. */

/** A display name (empty for none) and an address. */
export interface Mailbox {
  name: string;
  address: string;
}

const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+$/;

/** `a@b.c`, `Name <a@b.c>` or `"Name" <a@b.c>` as a mailbox; null for anything else. */
export function parseMailbox(raw: string): Mailbox | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (ADDRESS.test(text)) return { name: '', address: text };
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  if (!named || !ADDRESS.test(named[2].trim())) return null;
  return { name: named[1].trim().replace(/^"(.*)"$/, '$1'), address: named[2].trim() };
}

/** The addresses of an outbox field (`email_to`, `email_cc`, `email_bcc`: one a line), blanks dropped. */
export function splitAddresses(field: string | null | undefined): string[] {
  return (field ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
