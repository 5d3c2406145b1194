import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.ts';

/** Structured details of an error: which doctype, field, value or row it is about. */
export type ErrorDetails = Record<string, unknown>;

/** An error safe to show to the client: a stable code, an HTTP status and a human message. */
export class RelaisError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'RelaisError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  get excType(): string {
    return ERROR_CATALOGUE[this.code].excType;
  }
}

export function isRelaisError(err: unknown): err is RelaisError {
  return err instanceof RelaisError;
}
