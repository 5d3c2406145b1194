import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RelaisApp } from '../../app.ts';

/** What a method handler receives: its merged arguments, the app, and the raw request/reply. */
export interface MethodCall {
  args: Record<string, unknown>;
  app: RelaisApp;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A whitelisted method under `/api/method/{name}`; its result is sent as `{"message": result}`. */
export interface MethodDefinition {
  /** Callable without logging in (login, logout, ping). */
  public?: boolean;
  handler(call: MethodCall): Promise<unknown> | unknown;
}

/** Marks a result that is sent as the whole response body instead of `{"message": …}`. */
export class RawBody {
  constructor(readonly body: Record<string, unknown>) {}
}
