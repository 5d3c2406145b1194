// The SMTP sender against a real SMTP server (smtp-server) on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmail } from '../channels/email/email.ts';
import { SmtpSender } from './smtp-sender.ts';

const PASSWORD = 's3cret:p@ss/word';
const FROM = '"Acme Desk" <relais@acme.example>';

interface Received {
  user: string | undefined;
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

const received: Received[] = [];
let connections = 0;
let server: SMTPServer;
let port = 0;

function smtpError(responseCode: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode });
}

beforeAll(async () => {
  server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth: SMTPServerAuthentication, _session, callback) {
      if (auth.username === 'relais' && auth.password === PASSWORD) return callback(null, { user: auth.username });
      // A careless server that echoes what it was given: the sender must cut it out.
      return callback(smtpError(535, `5.7.8 Authentication failed for ${auth.username}/${auth.password}`));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('gone@')) return callback(smtpError(550, '5.1.1 Mailbox unavailable'));
      if (address.address.startsWith('greylisted@')) return callback(smtpError(451, '4.7.1 Greylisted, try again later'));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          user: session.user as string | undefined,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const url = (password = PASSWORD) => `smtp://relais:${encodeURIComponent(password)}@127.0.0.1:${port}`;

const mail = (overrides: Partial<Parameters<typeof buildEmail>[0]> = {}) =>
  buildEmail(
    {
      deliveryName: 'delivery0001',
      to: ['ana@acme.example'],
      cc: [],
      bcc: [],
      subject: 'Issue ISS-0001 is urgent',
      message: '<p>Customer: <b>Dupont &amp; Fils</b></p>',
      documentUrl: 'https://acme.example/app/issue/ISS-0001',
      language: 'en',
      sender: null,
      ...overrides,
    },
    { from: FROM },
  );

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

describe('SmtpSender', () => {
  it('delivers to every recipient with the right headers, HTML and text parts, and no Bcc header', async () => {
    const sender = new SmtpSender({ url: url() });
    const before = received.length;
    const result = await sender.send(
      mail({ deliveryName: 'delivery0002', to: ['ana@acme.example'], cc: ['bob@acme.example'], bcc: ['eve@acme.example'] }),
    );
    await sender.close();
    expect(result).toMatchObject({ outcome: { kind: 'sent', remoteId: '<delivery0002@acme.example>' }, refused: [] });
    expect(result.response).toMatch(/^250 /);
    expect(received).toHaveLength(before + 1);
    const got = received.at(-1)!;
    expect(got.user).toBe('relais');
    expect(got.mailFrom).toBe('relais@acme.example');
    expect(got.rcptTo).toEqual(['ana@acme.example', 'bob@acme.example', 'eve@acme.example']);
    expect(got.raw).not.toMatch(/^bcc:/im);
    expect(got.raw).not.toContain('eve@acme.example');

    const parsed = await simpleParser(got.raw);
    expect(parsed.from?.value).toEqual([{ name: 'Acme Desk', address: 'relais@acme.example' }]);
    expect(addresses(parsed.to)).toEqual(['ana@acme.example']);
    expect(addresses(parsed.cc)).toEqual(['bob@acme.example']);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Issue ISS-0001 is urgent');
    expect(parsed.messageId).toBe('<delivery0002@acme.example>');
    expect(parsed.headers.get('x-relais-delivery')).toBe('delivery0002');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.html).toContain('<b>Dupont &amp; Fils</b>');
    expect(parsed.html).toContain('<a href="https://acme.example/app/issue/ISS-0001">Open document</a>');
    expect(parsed.text).toBe('Customer: Dupont & Fils\n\nDocument link: https://acme.example/app/issue/ISS-0001');
  });

  it('reports wrong credentials as a broken destination, without the password', async () => {
    const sender = new SmtpSender({ url: url('wrong-password') });
    const before = received.length;
    const result = await sender.send(mail());
    const verdict = await sender.verify();
    await sender.close();
    expect(result.outcome).toMatchObject({ kind: 'broken', code: 'SMTP_AUTH_FAILED' });
    expect(verdict).toMatchObject({ kind: 'broken', code: 'SMTP_AUTH_FAILED' });
    expect(JSON.stringify([result, verdict])).not.toContain('wrong-password');
    expect(JSON.stringify([result, verdict])).toContain('relais/••••');
    expect(received).toHaveLength(before);
  });

  it('verifies a working configuration', async () => {
    const sender = new SmtpSender({ url: url() });
    expect(await sender.verify()).toEqual({ kind: 'ok' });
    await sender.close();
  });

  it('reports a recipient refused with 550 as rejected, and 451 as retry', async () => {
    const sender = new SmtpSender({ url: url() });
    const gone = await sender.send(mail({ to: ['gone@acme.example'] }));
    const greylisted = await sender.send(mail({ to: ['greylisted@acme.example'] }));
    await sender.close();
    expect(gone.outcome).toMatchObject({ kind: 'rejected', code: 'SMTP_550' });
    expect(gone.outcome.kind !== 'sent' && String(gone.outcome.message)).toContain('5.1.1 Mailbox unavailable');
    expect(greylisted.outcome).toMatchObject({ kind: 'retry', code: 'SMTP_451' });
  });

  it('sends to the recipients accepted and names those refused one by one', async () => {
    const sender = new SmtpSender({ url: url() });
    const result = await sender.send(mail({ to: ['ana@acme.example', 'gone@acme.example'], cc: ['greylisted@acme.example'] }));
    await sender.close();
    expect(result.outcome.kind).toBe('sent');
    expect(result.refused).toEqual([
      { address: 'gone@acme.example', outcome: expect.objectContaining({ kind: 'rejected', code: 'SMTP_550' }) },
      { address: 'greylisted@acme.example', outcome: expect.objectContaining({ kind: 'retry', code: 'SMTP_451' }) },
    ]);
    expect(received.at(-1)!.rcptTo).toEqual(['ana@acme.example']);
  });

  it('reports a server that is not listening as retry', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = new SmtpSender({ url: url().replace(`:${port}`, `:${closedPort}`) });
    const result = await sender.send(mail());
    await sender.close();
    expect(result.outcome).toMatchObject({ kind: 'retry', code: 'SMTP_CONNECTION' });
    expect(result.response).toBeNull();
  });

  it('reuses pooled connections for several messages', async () => {
    const sender = new SmtpSender({ url: url(), maxConnections: 1 });
    const before = { connections, received: received.length };
    const results = await Promise.all([1, 2, 3, 4].map((i) => sender.send(mail({ deliveryName: `pooled${i}` }))));
    await sender.close();
    expect(results.map((r) => r.outcome.kind)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(received.length - before.received).toBe(4);
    expect(connections - before.connections).toBe(1);
  });
});
