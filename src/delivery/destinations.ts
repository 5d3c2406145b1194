/**
 * What the delivery worker needs to know about where messages go, without knowing the documents that
 * hold it: the integrations part (src/integrations/) implements this over Incoming Webhook URLs.
 */
import type { Transaction } from 'kysely';
import type { ServiceName } from '../channels/channel-types.ts';
import type { Text } from '../i18n/text.ts';
import type { DestinationTally } from './delivery-results.ts';
import type { HeldDestinations } from './outbox-claim.ts';

/** An Incoming Webhook URL as the worker uses it, its URL and secret unmasked. */
export interface ChatDestination {
  name: string;
  service: ServiceName;
  url: string;
  enabled: boolean;
  broken: boolean;
  showDocumentLink: boolean;
  format: 'Text' | 'Card';
  threadByDocument: boolean;
  /** Messages per minute; 0 for the service's default. */
  ratePerMinute: number;
  signingSecret: string | null;
  bodyTemplate: string | null;
}

export interface DestinationDirectory {
  /** The webhook named `name`, or undefined when it was deleted. */
  chatDestination(name: string): Promise<ChatDestination | undefined>;
  /** Webhooks whose messages wait (Broken or disabled). */
  heldDestinations(): Promise<string[]>;
  /**
   * The webhook answered that it is wrong (revoked, deleted, forbidden): mark it Broken with the
   * reason and tell the System Managers, once (a webhook already Broken stays quiet).
   */
  markBroken(name: string, code: string, message: Text): Promise<void>;
  /** A message reached a webhook that was Broken (a test send after a fix): it is Active again. */
  markWorking(name: string): Promise<void>;
  /** Adds a batch's counts to the webhooks' counters, in the batch's transaction. */
  recordTallies(trx: Transaction<any>, tallies: Map<string, DestinationTally>): Promise<void>;
}

export type { HeldDestinations };
