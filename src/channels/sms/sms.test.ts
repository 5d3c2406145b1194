import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpSender } from '../../delivery/http-sender.ts';
import {
  buildSmsRequest,
  checkGatewayUrl,
  classifySmsAnswer,
  MAX_SMS_CHARS,
  normalisePhoneNumber,
  smsText,
  type SmsSettings,
} from './sms.ts';
import { englishOutcome } from '../sample-message.ts';

function settings(overrides: Partial<SmsSettings> = {}): SmsSettings {
  return {
    gatewayUrl: 'https://sms.example.com/api/send',
    messageParameter: 'text',
    receiverParameter: 'to',
    parameters: [
      { parameter: 'sender', value: 'ACME', header: false },
      { parameter: 'Authorization', value: 'Bearer k3y', header: true },
    ],
    usePost: false,
    ...overrides,
  };
}

const built = (s: SmsSettings, phone = '+33 6 12 34 56 78', text = 'Issue ISS-1 & co') => {
  const result = buildSmsRequest(s, phone, text);
  if (!result.ok) throw new Error(String(result.outcome.message));
  return result;
};

describe('normalisePhoneNumber', () => {
  it.each([
    ['+33 6 12 34 56 78', '+33612345678'],
    ['(555) 123-4567', '5551234567'],
    ['+1 (555) 123.4567', '+15551234567'],
    ['  0612345678 ', '0612345678'],
  ])('%s → %s', (raw, number) => {
    expect(normalisePhoneNumber(raw)).toEqual({ ok: true, number });
  });

  it.each([['call me'], ['06 12 34 56 78 ext 2'], ['33+612345678'], ['12345'], ['+1234567890123456'], ['']])('refuses %j', (raw) => {
    expect(normalisePhoneNumber(raw)).toMatchObject({ ok: false });
  });
});

describe('buildSmsRequest', () => {
  it('sends a GET with the parameters in the query string and header rows as headers (Frappe default)', () => {
    const { number, request } = built(settings());
    expect(number).toBe('+33612345678');
    expect(request).toEqual({
      method: 'GET',
      url: 'https://sms.example.com/api/send?text=Issue+ISS-1+%26+co&sender=ACME&to=%2B33612345678',
      headers: { accept: 'text/plain, text/html, */*', authorization: 'Bearer k3y' },
      body: '',
    });
  });

  it('keeps the query the gateway URL already has', () => {
    expect(built(settings({ gatewayUrl: 'https://sms.example.com/send.cgi?user=acme' })).request.url).toBe(
      'https://sms.example.com/send.cgi?user=acme&text=Issue+ISS-1+%26+co&sender=ACME&to=%2B33612345678',
    );
  });

  it('posts a form with Use POST', () => {
    const { request } = built(settings({ usePost: true }));
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://sms.example.com/api/send');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ text: 'Issue ISS-1 & co', sender: 'ACME', to: '+33612345678' });
  });

  it('posts JSON when a header row sets Content-Type: application/json', () => {
    const json = [{ parameter: 'Content-Type', value: 'application/json', header: true }];
    const { request } = built(settings({ usePost: true, parameters: json }));
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ text: 'Issue ISS-1 & co', to: '+33612345678' });
    // Without Use POST, a JSON gateway still gets a GET with a query string (never a GET with a body).
    expect(built(settings({ parameters: json })).request).toMatchObject({ method: 'GET', body: '' });
  });

  it('lets a static parameter replace the message, never the receiver (as Frappe does)', () => {
    const rows = [
      { parameter: 'text', value: 'fixed', header: false },
      { parameter: 'to', value: '+10000000000', header: false },
    ];
    const url = new URL(built(settings({ parameters: rows })).request.url);
    expect(url.searchParams.get('text')).toBe('fixed');
    expect(url.searchParams.get('to')).toBe('+33612345678');
  });

  it('strips HTML from the message and caps its length', () => {
    expect(smsText('<p>Issue <b>ISS-1</b> &amp; co</p><p>Due today</p>')).toBe('Issue ISS-1 & co\n\nDue today');
    expect(Array.from(smsText('é'.repeat(MAX_SMS_CHARS + 10)))).toHaveLength(MAX_SMS_CHARS);
  });

  it('refuses an invalid phone number with a stable code', () => {
    const refused = buildSmsRequest(settings(), 'not a number', 'hi');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : englishOutcome(refused.outcome)).toEqual({
      kind: 'rejected',
      code: 'INVALID_PHONE_NUMBER',
      message: expect.stringContaining('not a phone number'),
    });
  });
});

describe('checkGatewayUrl', () => {
  it.each([
    ['https://sms.example.com/api?user=acme', true],
    ['http://gateway.example.net:8080/send.cgi', true],
    ['smsgateway.com/api/send_sms.cgi', false],
    ['ftp://sms.example.com/', false],
    ['https://user:pass@sms.example.com/', false],
    ['https://sms.example.com/#x', false],
  ])('%s → %s', (url, ok) => {
    expect(checkGatewayUrl(url).ok).toBe(ok);
  });
});

describe('classifySmsAnswer', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: 'body' });
  it('says sent for 2xx and follows the common HTTP rule otherwise', () => {
    expect(classifySmsAnswer(answer(202))).toEqual({ kind: 'sent', remoteId: null });
    expect(classifySmsAnswer(answer(429, { 'retry-after': '7' }))).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 7000 });
    expect(classifySmsAnswer(answer(401))).toMatchObject({ kind: 'broken', code: 'HTTP_401' });
    expect(classifySmsAnswer(answer(400))).toMatchObject({ kind: 'rejected', code: 'HTTP_400' });
    expect(classifySmsAnswer(answer(503))).toMatchObject({ kind: 'retry', code: 'HTTP_503' });
  });
});

describe('an SMS gateway on 127.0.0.1, through the HTTP sender', () => {
  it('receives the GET and POST requests Frappe would send, and the answers are classified', async () => {
    const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
    const gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(req.headers.authorization === 'Bearer k3y' ? 200 : 401).end('OK');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
    const sender = new HttpSender({ allowPrivate: true });
    try {
      const outcomes = [];
      for (const s of [settings({ gatewayUrl }), settings({ gatewayUrl, usePost: true }), settings({ gatewayUrl, parameters: [] })]) {
        const result = await sender.send(built(s, '06 12 34 56 78', '<p>Hello &amp; bye</p>').request);
        outcomes.push(result.kind === 'answer' ? classifySmsAnswer(result.answer).kind : result.code);
      }
      expect(outcomes).toEqual(['sent', 'sent', 'broken']);
      expect(seen[0]).toMatchObject({ method: 'GET', url: '/send?text=Hello+%26+bye&sender=ACME&to=0612345678', body: '' });
      expect(seen[1]).toMatchObject({ method: 'POST', url: '/send', body: 'text=Hello+%26+bye&sender=ACME&to=0612345678' });
      expect(seen[1].headers['content-type']).toBe('application/x-www-form-urlencoded');
    } finally {
      await sender.close();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });
});
