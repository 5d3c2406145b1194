import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOnStore } from '../../src/app.ts';
import { buildServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { testDatabases } from '../support/databases.ts';
import { ADMIN_AUTH, ADMIN_KEY, ADMIN_PASSWORD, ADMIN_SECRET } from '../support/test-app.ts';

/** A built Desk in miniature: what Vite writes to web/dist. */
const INDEX_HTML =
  '<!doctype html><html><head><meta name="application-name" content="Relais" /><script type="module" src="/app/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const ASSET = 'console.log("desk");';

function makeFixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-desk-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(root, 'assets', 'index-AbC123.js'), ASSET);
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

describe.each(await testDatabases())('the Desk served at /app on $name', (db) => {
  const fixture = makeFixture();
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-desk-empty-'));
  let handle: Awaited<ReturnType<typeof db.create>>;
  let app: Awaited<ReturnType<typeof createAppOnStore>>;
  let server: Awaited<ReturnType<typeof buildServer>>;
  let unbuilt: Awaited<ReturnType<typeof buildServer>>;

  beforeAll(async () => {
    handle = await db.create();
    const config = loadConfig({
      RELAIS_DATA_DIR: '/nonexistent-not-used',
      RELAIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RELAIS_API_KEY: ADMIN_KEY,
      RELAIS_API_SECRET: ADMIN_SECRET,
      RELAIS_SITE_NAME: 'Acme <"Support"> & Co',
    });
    app = await createAppOnStore(config, handle.store);
    server = await buildServer(app, { logger: false, deskRoot: fixture });
    unbuilt = await buildServer(app, { logger: false, deskRoot: empty });
  });

  afterAll(async () => {
    await server?.close();
    await unbuilt?.close();
    await app?.delivery.close();
    await app?.templates.close();
    await handle?.dispose();
    fs.rmSync(fixture, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('answers /app with index.html, revalidated on each load, without logging in', async () => {
    for (const url of ['/app', '/app/']) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
    }
  });

  it('puts the site name, escaped, in index.html', async () => {
    const res = await server.inject({ method: 'GET', url: '/app' });
    expect(res.body).toContain('<meta name="application-name" content="Acme &lt;&quot;Support&quot;&gt; &amp; Co" />');
  });

  it('answers index.html for a deep link (a client-side route)', async () => {
    for (const url of [
      '/app/notification',
      '/app/incoming-webhook-url/new',
      '/app/notification/Ticket%20opened',
      '/app/user/a.b@example.com',
    ]) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets as immutable, and other files revalidated', async () => {
    const asset = await server.inject({ method: 'GET', url: '/app/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.body).toBe(ASSET);
    const icon = await server.inject({ method: 'GET', url: '/app/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('answers 404 for an unknown asset, never index.html nor a cacheable answer', async () => {
    for (const url of ['/app/assets/index-Gone99.js', '/app/assets/..%2f..%2fpackage.json']) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['cache-control']).toBeUndefined();
      expect(res.body).not.toContain('<div id="root">');
    }
  });

  it('keeps files outside the build out of reach', async () => {
    const secret = `${fixture}-secret.txt`; // beside the build folder
    fs.writeFileSync(secret, 'secret');
    try {
      const res = await server.inject({ method: 'GET', url: `/app/..%2f${path.basename(secret)}` });
      expect(res.body).not.toContain('secret');
      expect(res.body).toContain('<div id="root"></div>');
    } finally {
      fs.rmSync(secret);
    }
  });

  it('leaves the API as it was: JSON, authentication required', async () => {
    const anonymous = await server.inject({ method: 'GET', url: '/api/resource/Notification' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('NOT_AUTHENTICATED');
    const list = await server.inject({ method: 'GET', url: '/api/resource/Notification', headers: { authorization: ADMIN_AUTH } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ data: [] });
    const unknown = await server.inject({ method: 'GET', url: '/api/nothing-here', headers: { authorization: ADMIN_AUTH } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const lookalike = await server.inject({ method: 'GET', url: '/application' });
    expect(lookalike.statusCode).toBe(401);
  });

  it('says how to build the Desk when it is not built, and the server still answers', async () => {
    for (const url of ['/app', '/app/notification']) {
      const res = await unbuilt.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body).toContain('npm run build:web');
    }
    const health = await unbuilt.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});
