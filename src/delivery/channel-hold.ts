/**
 * A channel without a per-destination status (e-mail, SMS) that answered "broken" (SMTP credentials
 * refused, the gateway gone): its deliveries wait a while instead of being tried again at once, in a
 * loop. Chat webhooks are held by their own Broken status instead.
 */
import type { Text } from '../i18n/text.ts';

export class ChannelHold {
  private until = 0;
  private reason: Text | null = null;

  constructor(private readonly holdMs = 5 * 60_000) {}

  /** Holds the channel for `holdMs` with `reason`. */
  hold(reason: Text): void {
    this.until = Date.now() + this.holdMs;
    this.reason = reason;
  }

  /** Lifts the hold (the settings were changed). */
  release(): void {
    this.until = 0;
  }

  /** Why the channel waits, or null. */
  current(): Text | null {
    return Date.now() < this.until ? this.reason : null;
  }
}
