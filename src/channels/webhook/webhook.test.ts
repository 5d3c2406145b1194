import crypto from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { sampleChatMessage } from '../sample-message.ts';
import { eventType, webhook } from './webhook.ts';

const URL_OK = 'https://hooks.example.com/relais/in?token=receiver-secret';
const SECRET = `whsec_${crypto.randomBytes(32).toString('base64')}`;
const strict = { allowPrivate: false };

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    subject: 'Facture payée',
    message: 'La facture SINV-0042 est payée.',
    documentUrl: 'https://erp.example.com/app/sales-invoice/SINV-0042',
    threadKey: 'sales-invoice-SINV-0042',
    language: 'fr',
    document: { doctype: 'Sales Invoice', name: 'SINV-0042' },
    notification: 'Facture payée',
    event: 'Value Change',
    attemptAt: Math.floor(Date.now() / 1000),
    ...extra,
  });

describe('generic webhook URL', () => {
  it('accepts any https URL, and plain http only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    expect(webhook.checkUrl(URL_OK, strict)).toEqual({ ok: true });
    expect(webhook.checkUrl('https://receiver.example.org:8443/', strict)).toEqual({ ok: true });
    expect(webhook.checkUrl('http://10.0.0.5:8080/hook', strict).ok).toBe(false);
    expect(webhook.checkUrl('http://10.0.0.5:8080/hook', { allowPrivate: true })).toEqual({ ok: true });
  });

  it.each([
    ['ftp://hooks.example.com/x', /https:\/\//],
    ['https://user:pw@hooks.example.com/x', /user name or password/],
    ['https://hooks.example.com/x#y', /fragment/],
    ['hooks.example.com/x', /not a URL/],
  ])('refuses %s', (url, reason) => {
    const verdict = webhook.checkUrl(url, strict);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('masks everything after the origin (the receiver may keep its own secret there)', () => {
    expect(webhook.maskUrl(URL_OK)).toBe('https://hooks.example.com/••••');
    expect(webhook.maskUrl('nope')).toBe('••••');
  });
});

describe('generic webhook request', () => {
  it('posts the default JSON body with the delivery name as id and Idempotency-Key', () => {
    const request = webhook.buildRequest(URL_OK, message());
    expect(request.url).toBe(URL_OK);
    expect(JSON.parse(request.body)).toEqual({
      id: '20261127213000123000a1b2c3d4e5f6a7b8c9d0',
      type: 'sales-invoice.value-change',
      occurredAt: '2026-11-27T21:30:00.123Z',
      subject: 'Facture payée',
      text: 'La facture SINV-0042 est payée.',
      document: { doctype: 'Sales Invoice', name: 'SINV-0042', url: 'https://erp.example.com/app/sales-invoice/SINV-0042' },
      notification: 'Facture payée',
    });
    expect(request.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Relais',
      'idempotency-key': '20261127213000123000a1b2c3d4e5f6a7b8c9d0',
    });
  });

  it('names the event type <doctype>.<event> in lower kebab case', () => {
    expect(eventType(message({ event: 'Days Before' }))).toBe('sales-invoice.days-before');
    expect(eventType(message({ document: { doctype: 'Pièce  Comptable', name: 'X' }, event: 'Submit' }))).toBe('pièce-comptable.submit');
    expect(eventType(message({ document: null, event: 'Method' }))).toBe('method');
    expect(JSON.parse(webhook.buildRequest(URL_OK, message({ document: null, documentUrl: null })).body).document).toBeNull();
  });

  it("sends the user's rendered body template as it is", () => {
    const customBody = '{"event": "paid",\n "invoice": "SINV-0042"}';
    expect(webhook.buildRequest(URL_OK, message({ customBody })).body).toBe(customBody);
  });

  it('signs with Standard Webhooks: the standardwebhooks package verifies the request, with the delivery name as webhook-id', () => {
    const request = webhook.buildRequest(URL_OK, message({ signingSecret: SECRET }));
    expect(request.headers['webhook-id']).toBe('20261127213000123000a1b2c3d4e5f6a7b8c9d0');
    expect(request.headers['webhook-timestamp']).toBe(String(message().attemptAt));
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new StandardWebhook(SECRET).verify(request.body, request.headers);
    expect(verified).toEqual(JSON.parse(request.body));
  });

  it('signs a custom body as sent, and a retry carries the same id with a new timestamp and signature', () => {
    const customBody = '{"invoice": "SINV-0042"}';
    const first = webhook.buildRequest(URL_OK, message({ signingSecret: SECRET, customBody }));
    const retry = webhook.buildRequest(URL_OK, message({ signingSecret: SECRET, customBody, attemptAt: message().attemptAt + 30 }));
    expect(new StandardWebhook(SECRET).verify(first.body, first.headers)).toEqual({ invoice: 'SINV-0042' });
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
  });

  it('fails verification with another secret or a changed body', () => {
    const request = webhook.buildRequest(URL_OK, message({ signingSecret: SECRET }));
    const other = new StandardWebhook(`whsec_${crypto.randomBytes(32).toString('base64')}`);
    expect(() => other.verify(request.body, request.headers)).toThrow();
    expect(() => new StandardWebhook(SECRET).verify(request.body.replace('payée', 'annulée'), request.headers)).toThrow();
  });
});

describe('generic webhook answers', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: status < 300 ? '' : 'nope' });

  it.each([
    [200, { kind: 'sent', remoteId: null }],
    [204, { kind: 'sent', remoteId: null }],
    [408, { kind: 'retry', code: 'HTTP_408' }],
    [425, { kind: 'retry', code: 'HTTP_425' }],
    [429, { kind: 'retry', code: 'HTTP_429', retryAfterMs: 5000 }],
    [503, { kind: 'retry', code: 'HTTP_503', retryAfterMs: 5000 }],
    [401, { kind: 'broken', code: 'HTTP_401' }],
    [403, { kind: 'broken', code: 'HTTP_403' }],
    [404, { kind: 'broken', code: 'HTTP_404' }],
    [410, { kind: 'broken', code: 'HTTP_410' }],
    [400, { kind: 'rejected', code: 'HTTP_400' }],
    [422, { kind: 'rejected', code: 'HTTP_422' }],
  ])('classifies %i', (status, outcome) => {
    expect(webhook.classify(answer(status, { 'retry-after': '5' }))).toMatchObject(outcome);
  });
});
