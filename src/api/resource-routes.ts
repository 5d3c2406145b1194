import type { FastifyInstance } from 'fastify';
import type { RelaisApp } from '../app.ts';
import { documentBody } from './request-args.ts';

interface DoctypeParams {
  doctype: string;
}
interface DocParams {
  doctype: string;
  name: string;
}

/**
 * Frappe's REST resource API: `/api/resource/{doctype}` (list, create) and
 * `/api/resource/{doctype}/{name}` (read, partial update with docstatus transitions, delete).
 */
export function registerResourceRoutes(server: FastifyInstance, app: RelaisApp): void {
  const docs = app.documents;

  server.get<{ Params: DoctypeParams; Querystring: Record<string, unknown> }>('/api/resource/:doctype', async (request) => {
    const data = await docs.list(request.params.doctype, request.query, request.actor);
    return { data };
  });

  server.post<{ Params: DoctypeParams }>('/api/resource/:doctype', async (request) => {
    const data = await docs.insert(request.params.doctype, documentBody(request), request.actor);
    return { data };
  });

  server.get<{ Params: DocParams }>('/api/resource/:doctype/:name', async (request) => {
    const data = await docs.get(request.params.doctype, request.params.name, request.actor);
    return { data };
  });

  server.put<{ Params: DocParams }>('/api/resource/:doctype/:name', async (request) => {
    const data = await docs.update(request.params.doctype, request.params.name, documentBody(request), request.actor);
    return { data };
  });

  server.delete<{ Params: DocParams }>('/api/resource/:doctype/:name', async (request) => {
    await docs.delete(request.params.doctype, request.params.name, request.actor);
    return { message: 'ok' };
  });
}
