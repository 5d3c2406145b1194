import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSmsSettings } from '../../src/integrations/sms-settings.ts';
import { testDatabases } from '../support/databases.ts';
import { api, apiOk, resourceUrl } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const SETTINGS = resourceUrl('SMS Settings');
const THE_SETTINGS = resourceUrl('SMS Settings', 'SMS Settings');

const valid = {
  sms_gateway_url: 'https://sms.example.com/api/send?account=acme',
  message_parameter: 'text',
  receiver_parameter: 'to',
  use_post: 1,
  parameters: [
    { parameter: 'sender', value: 'ACME' },
    { parameter: 'Authorization', value: `Bearer ${'k'.repeat(200)}`, header: 1 },
  ],
};

describe.each(await testDatabases())('SMS Settings on $name', (db) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(() => t.close());

  it('has no settings at first, so SMS deliveries wait', async () => {
    expect(await loadSmsSettings(t.app.store.db)).toBeNull();
  });

  it('is one document named SMS Settings, with Frappe field names; the worker reads it back', async () => {
    const created = await apiOk(t.server, 'POST', SETTINGS, valid);
    expect(created.data).toMatchObject({ name: 'SMS Settings', sms_gateway_url: valid.sms_gateway_url, use_post: 1 });
    expect(created.data.parameters).toMatchObject([
      { parameter: 'sender', value: 'ACME', header: 0 },
      { parameter: 'Authorization', header: 1 },
    ]);
    expect(await loadSmsSettings(t.app.store.db)).toEqual({
      gatewayUrl: valid.sms_gateway_url,
      messageParameter: 'text',
      receiverParameter: 'to',
      usePost: true,
      parameters: [
        { parameter: 'sender', value: 'ACME', header: false },
        { parameter: 'Authorization', value: `Bearer ${'k'.repeat(200)}`, header: true },
      ],
    });

    const second = await api(t.server, 'POST', SETTINGS, valid);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'DUPLICATE_NAME' });
    const named = await api(t.server, 'POST', SETTINGS, { ...valid, name: 'Other gateway' });
    expect(named.status).toBe(417);
    expect(named.body.error).toMatchObject({ code: 'INVALID_NAME' });
    const renamed = await api(t.server, 'POST', '/api/method/frappe.client.rename_doc', {
      doctype: 'SMS Settings',
      old_name: 'SMS Settings',
      new_name: 'Gateway 2',
    });
    expect(renamed.status).toBe(417);
    expect(renamed.body.error.message).toMatch(/cannot be renamed/);
    expect((await apiOk(t.server, 'GET', THE_SETTINGS)).data.name).toBe('SMS Settings');
  });

  it.each([
    ['no scheme (as Frappe examples write it)', 'smsgateway.com/api/send_sms.cgi', /starts with https:\/\//],
    ['another scheme', 'ftp://sms.example.com/send', /https:\/\/ or http:\/\//],
    ['credentials in the URL', 'https://user:pw@sms.example.com/send', /parameters table/],
    ['a loopback address', 'http://127.0.0.1:9999/send', /public addresses/],
    ['cloud metadata', 'http://169.254.169.254/latest/', /linkLocal/],
  ])('refuses a gateway URL with %s, naming the field', async (_, url, reason) => {
    const res = await api(t.server, 'PUT', THE_SETTINGS, { sms_gateway_url: url });
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { doctype: 'SMS Settings', field: 'sms_gateway_url' } });
    expect(res.body.error.message).toMatch(reason);
    expect((await loadSmsSettings(t.app.store.db))?.gatewayUrl).toBe(valid.sms_gateway_url);
  });

  it('refuses a header row that cannot be sent as an HTTP header, naming the row', async () => {
    const res = await api(t.server, 'PUT', THE_SETTINGS, {
      parameters: [...valid.parameters, { parameter: 'X Api Key', value: 'k', header: 1 }],
    });
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'parameter', row: 3, tablefield: 'parameters' } });
    const injected = await api(t.server, 'PUT', THE_SETTINGS, {
      parameters: [{ parameter: 'X-Api-Key', value: 'k\r\nX-Evil: 1', header: 1 }],
    });
    expect(injected.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'value', row: 1 } });
  });
});

describe.each(await testDatabases())('SMS Settings with RELAIS_ALLOW_PRIVATE_WEBHOOKS on $name', (db) => {
  it('accepts a gateway on the private network', async () => {
    const t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1' });
    try {
      await apiOk(t.server, 'POST', SETTINGS, { ...valid, sms_gateway_url: 'http://127.0.0.1:9999/send' });
      expect((await loadSmsSettings(t.app.store.db))?.gatewayUrl).toBe('http://127.0.0.1:9999/send');
    } finally {
      await t.close();
    }
  });
});
