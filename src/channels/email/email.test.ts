import { describe, expect, it } from 'vitest';
import { buildEmail, classifySmtpError, MAX_SUBJECT_CHARS, messageIdFor, type EmailInput } from './email.ts';
import { parseMailbox, splitAddresses } from './mailbox.ts';
import { englishOutcome } from '../sample-message.ts';

const FROM = '"Acme Desk" <relais@acme.example>';

function input(overrides: Partial<EmailInput> = {}): EmailInput {
  return {
    deliveryName: '0190f3a2b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9',
    to: ['ana@acme.example'],
    cc: [],
    bcc: [],
    subject: 'Issue ISS-0001 is urgent',
    message: 'Hello',
    documentUrl: null,
    language: 'en',
    sender: null,
    ...overrides,
  };
}

describe('buildEmail', () => {
  it('escapes a plain-text message into HTML with line breaks and keeps it as the text part', () => {
    const mail = buildEmail(input({ message: 'Total < 5 & "due"\nsecond line\n' }), { from: FROM });
    expect(mail.html).toBe('Total &lt; 5 &amp; &quot;due&quot;<br>\nsecond line');
    expect(mail.text).toBe('Total < 5 & "due"\nsecond line');
  });

  it('keeps an HTML message and strips it properly for the text part', () => {
    const html =
      '<h2>Issue ISS-0001</h2><p>Customer: <b>Dupont &amp; Fils</b></p><ul><li>first</li><li>second</li></ul>' +
      '<p>See <a href="https://acme.example/help">the guide</a>.</p><script>alert(1)</script><style>p{color:red}</style>';
    const mail = buildEmail(input({ message: html }), { from: FROM });
    expect(mail.html).toBe(html);
    const text = String(mail.text);
    expect(text).toContain('Issue ISS-0001');
    expect(text).toContain('Customer: Dupont & Fils');
    expect(text).toMatch(/\* first\n \* second/);
    expect(text).toContain('the guide [https://acme.example/help]');
    expect(text).not.toMatch(/<|alert|color/);
  });

  it('does not take a comparison such as "a < b" for a tag', () => {
    const mail = buildEmail(input({ message: 'if a <b then 1 < 2' }), { from: FROM });
    expect(mail.html).toBe('if a &lt;b then 1 &lt; 2');
  });

  it('ends with a link to the document, labelled in the site language', () => {
    const url = 'https://acme.example/app/issue/ISS-0001?x=1&y="2"';
    const en = buildEmail(input({ message: 'Hello', documentUrl: url }), { from: FROM });
    expect(en.html).toBe('Hello\n<p><a href="https://acme.example/app/issue/ISS-0001?x=1&amp;y=&quot;2&quot;">Open document</a></p>');
    expect(en.text).toBe(`Hello\n\nDocument link: ${url}`);
    const fr = buildEmail(input({ message: '<p>Bonjour</p>', documentUrl: url, language: 'fr' }), { from: FROM });
    expect(fr.html).toContain('>Ouvrir le document</a>');
    expect(fr.text).toBe(`Bonjour\n\nLien vers le document: ${url}`);
  });

  it('puts the subject on one line and caps its length', () => {
    expect(buildEmail(input({ subject: '  New\r\nissue:\tISS-1  ' }), { from: FROM }).subject).toBe('New issue: ISS-1');
    const long = buildEmail(input({ subject: '😀'.repeat(400) }), { from: FROM }).subject as string;
    expect(Array.from(long)).toHaveLength(MAX_SUBJECT_CHARS);
    expect(long.endsWith('😀…')).toBe(true);
  });

  it('sends from RELAIS_MAIL_FROM unless the rule names a sender', () => {
    expect(buildEmail(input(), { from: FROM }).from).toBe(FROM);
    expect(buildEmail(input({ sender: '  ' }), { from: FROM }).from).toBe(FROM);
    expect(buildEmail(input({ sender: 'sales@acme.example' }), { from: FROM }).from).toEqual({ name: '', address: 'sales@acme.example' });
    expect(buildEmail(input({ sender: '"Sales, EU" <sales@acme.example>' }), { from: FROM }).from).toEqual({
      name: 'Sales, EU',
      address: 'sales@acme.example',
    });
    // A name alone (Frappe's sender names an Email Account) is shown with the default address.
    expect(buildEmail(input({ sender: 'Support Team' }), { from: FROM }).from).toEqual({
      name: 'Support Team',
      address: 'relais@acme.example',
    });
  });

  it('lists each recipient once, in the first of To, Cc, Bcc that has it', () => {
    const mail = buildEmail(
      input({
        to: ['ana@acme.example', 'ANA@acme.example'],
        cc: ['bob@acme.example', 'ana@acme.example'],
        bcc: ['bob@acme.example', 'eve@acme.example'],
      }),
      { from: FROM },
    );
    expect([mail.to, mail.cc, mail.bcc]).toEqual([['ana@acme.example'], ['bob@acme.example'], ['eve@acme.example']]);
  });

  it('names the message after the delivery: the same Message-ID on every attempt, and the delivery in a header', () => {
    const mail = buildEmail(input(), { from: FROM });
    expect(mail.messageId).toBe('<0190f3a2b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9@acme.example>');
    expect(buildEmail(input(), { from: FROM }).messageId).toBe(mail.messageId);
    expect(mail.headers).toEqual({ 'X-Relais-Delivery': '0190f3a2b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9', 'Auto-Submitted': 'auto-generated' });
    // A name with characters a Message-ID cannot hold is replaced by its digest.
    expect(messageIdFor('a b<c>@d', 'relais@localhost')).toMatch(/^<[0-9a-f]{40}@localhost>$/);
  });
});

describe('addresses', () => {
  it('splits an outbox field, one address a line', () => {
    expect(splitAddresses('ana@acme.example\r\n\n  bob@acme.example \n')).toEqual(['ana@acme.example', 'bob@acme.example']);
    expect(splitAddresses(null)).toEqual([]);
  });

  it('parses a mailbox, or says it is none', () => {
    expect(parseMailbox('Relais <relais@localhost>')).toEqual({ name: 'Relais', address: 'relais@localhost' });
    expect(parseMailbox('relais@localhost')).toEqual({ name: '', address: 'relais@localhost' });
    expect(parseMailbox('Relais')).toBeNull();
    expect(parseMailbox('a@b, c@d')).toBeNull();
  });
});

describe('classifySmtpError', () => {
  const smtp = (code: string, responseCode?: number, response?: string, command?: string) =>
    Object.assign(new Error(response ?? code), { code, responseCode, response, command });

  it.each([
    ['a refused connection', smtp('ESOCKET', undefined, undefined, 'CONN'), 'retry', 'SMTP_CONNECTION'],
    ['a connection closed mid-way', smtp('ECONNECTION'), 'retry', 'SMTP_CONNECTION'],
    ['a timeout', smtp('ETIMEDOUT'), 'retry', 'SMTP_TIMEOUT'],
    ['an unknown host', smtp('EDNS'), 'retry', 'SMTP_DNS'],
    ['421 service not available', smtp('EPROTOCOL', 421, '421 4.3.2 shutting down'), 'retry', 'SMTP_421'],
    ['451 greylisting', smtp('EENVELOPE', 451, '451 4.7.1 try later', 'RCPT TO'), 'retry', 'SMTP_451'],
    ['452 mailbox full for now', smtp('EENVELOPE', 452, '452 4.2.2 over quota', 'RCPT TO'), 'retry', 'SMTP_452'],
    ['503 bad sequence', smtp('EPROTOCOL', 503, '503 5.5.1 bad sequence'), 'retry', 'SMTP_503'],
    ['535 wrong credentials', smtp('EAUTH', 535, '535 5.7.8 authentication failed', 'AUTH PLAIN'), 'broken', 'SMTP_AUTH_FAILED'],
    ['530 authentication required', smtp('EENVELOPE', 530, '530 5.7.0 authentication required', 'MAIL FROM'), 'broken', 'SMTP_AUTH_FAILED'],
    ['credentials missing', smtp('ENOAUTH'), 'broken', 'SMTP_AUTH_MISSING'],
    ['a failed TLS handshake', smtp('ETLS'), 'broken', 'SMTP_TLS'],
    ['550 mailbox unavailable', smtp('EENVELOPE', 550, '550 5.1.1 no such user', 'RCPT TO'), 'rejected', 'SMTP_550'],
    ['553 mailbox name not allowed', smtp('EENVELOPE', 553, '553 5.1.3 bad address', 'RCPT TO'), 'rejected', 'SMTP_553'],
    ['552 message too large', smtp('EMESSAGE', 552, '552 5.3.4 too big', 'DATA'), 'rejected', 'SMTP_552'],
    ['554 refused as spam', smtp('EMESSAGE', 554, '554 5.7.1 spam', 'DATA'), 'rejected', 'SMTP_554'],
    ['no recipients', smtp('EENVELOPE'), 'rejected', 'SMTP_ENVELOPE_INVALID'],
    ['something unknown', new Error('boom'), 'retry', 'SMTP_ERROR'],
  ])('%s', (_, error, kind, code) => {
    expect(classifySmtpError(error)).toMatchObject({ kind, code });
  });

  it('quotes the server reply and the command in the message', () => {
    expect(englishOutcome(classifySmtpError(smtp('EENVELOPE', 550, '550 5.1.1 <x@y>: no such user', 'RCPT TO')))).toMatchObject({
      message: 'SMTP 550 (RCPT TO): 550 5.1.1 <x@y>: no such user',
    });
  });
});
