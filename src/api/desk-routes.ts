import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';

/** Where `npm run build:web` (run by `npm ci` through `prepare`) writes the Desk. */
export const DEFAULT_DESK_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The URL prefix of the Desk (Vite's `base`). */
export const DESK_PREFIX = '/app';

const NO_CACHE = 'no-cache';
/** Vite names every file under assets/ by its content hash: a URL's content never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface DeskOptions {
  /** The folder holding the built Desk (index.html and assets/). */
  root: string;
  /** Shown in the Desk's header (RELAIS_SITE_NAME). */
  siteName: string;
}

/** Whether a request path belongs to the Desk (served without authentication; its API calls are not). */
export function isDeskPath(urlPath: string): boolean {
  return urlPath === DESK_PREFIX || urlPath.startsWith(`${DESK_PREFIX}/`);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The file a path names inside root, or undefined when it would leave root. */
function insideRoot(root: string, relative: string): string | undefined {
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : undefined;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Serves the Desk at /app: hashed assets cached for good, any other path (a client-side route such as
 * /app/notification/My Rule) answered with index.html, revalidated on every load. When the Desk is not
 * built, /app says how to build it instead.
 */
export async function registerDeskRoutes(server: FastifyInstance, options: DeskOptions): Promise<void> {
  const root = path.resolve(options.root);
  const indexFile = path.join(root, 'index.html');
  const siteNameMeta = `<meta name="application-name" content="${escapeAttribute(options.siteName)}" />`;

  const notBuilt = tr`The Desk (web UI) is not built: run \`npm run build:web\` (npm ci runs it), then reload this page.`;
  async function sendIndex(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    let html: string;
    try {
      html = await readFile(indexFile, 'utf8');
    } catch {
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(`${notBuilt.in(request.language)}\n`);
    }
    html = html.replace(/<meta name="application-name" content="[^"]*"\s*\/?>/, siteNameMeta);
    return reply.header('cache-control', NO_CACHE).type('text/html; charset=utf-8').send(html);
  }

  // Encapsulated: sendFile is decorated for the Desk's routes only.
  await server.register(async (desk) => {
    // No root here: each sendFile names it, so a missing build is not an error at start.
    await desk.register(fastifyStatic, { serve: false, cacheControl: false });

    desk.get(DESK_PREFIX, (request, reply) => sendIndex(request, reply));
    desk.get<{ Params: { '*': string } }>(`${DESK_PREFIX}/*`, async (request, reply) => {
      const relative = request.params['*'];
      const file = relative === '' ? undefined : insideRoot(root, relative);
      const exists = file !== undefined && (await isFile(file));
      if (relative.startsWith('assets/')) {
        const url = `${DESK_PREFIX}/${relative}`;
        if (!exists) throw new RelaisError('NOT_FOUND', tr`No file ${url}`);
        return reply.header('cache-control', IMMUTABLE).sendFile(relative, root);
      }
      if (exists && file !== indexFile) return reply.header('cache-control', NO_CACHE).sendFile(relative, root);
      return sendIndex(request, reply);
    });
  });
}
