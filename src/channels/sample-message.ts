import type { ChatMessage, SendOutcome } from './channel-types.ts';

/**
 * The message adapter tests build on (the Dokos user guide's example ticket), with `extra` fields
 * replacing its own. For tests only.
 */
export function sampleChatMessage(extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    deliveryName: '20261127213000123000a1b2c3d4e5f6a7b8c9d0',
    subject: 'Nouveau ticket',
    message: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA',
    documentUrl: 'https://erp.example.com/app/issue/ISS-0042',
    threadKey: null,
    format: 'Text',
    language: 'en',
    siteName: 'Relais',
    document: { doctype: 'Issue', name: 'ISS-0042' },
    notification: 'Nouveau ticket',
    event: 'New',
    occurredAt: '2026-11-27T21:30:00.123Z',
    attemptAt: 1795815000,
    signingSecret: null,
    customBody: null,
    ...extra,
  };
}

/** `outcome` with its message said in English, to compare with plain strings. For tests only. */
export function englishOutcome(outcome: SendOutcome): Record<string, unknown> {
  return 'message' in outcome ? { ...outcome, message: String(outcome.message) } : outcome;
}
