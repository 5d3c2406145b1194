import type { Language, Text } from '../i18n/text.ts';
import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.ts';

/** Structured details of an error: which doctype, field, value or row it is about. */
export type ErrorDetails = Record<string, unknown>;

/**
 * An error safe to show to the client: a stable code, an HTTP status and a human message. `message` is
 * the English; `text` says it in the reader's language (`tr` templates, see src/i18n/text.ts).
 */
export class RelaisError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly text: Text;

  constructor(code: ErrorCode, message: Text, details: ErrorDetails = {}) {
    super(String(message));
    this.name = 'RelaisError';
    this.code = code;
    this.details = details;
    this.text = message;
  }

  /** The message in `language`. */
  messageIn(language: Language): string {
    return this.text.in(language);
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
