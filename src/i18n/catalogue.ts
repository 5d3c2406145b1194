/**
 * French for every sentence Relais says (keys: the English templates of `tr`, with `{0}`… for values)
 * and for the words stored in English that those sentences quote (doctypes, field labels, options).
 * One file per part of the server, merged here; src/i18n/catalogue.test.ts checks it is complete.
 */
import { apiAuthFr } from './fr/api-auth.ts';
import { channelsFr } from './fr/channels.ts';
import { deliveryFr } from './fr/delivery.ts';
import { documentsFr } from './fr/documents.ts';
import { metricsFr } from './fr/metrics.ts';
import { notificationsFr } from './fr/notifications.ts';
import { frTerms } from './fr/terms.ts';

export const FRENCH_SENTENCES: Readonly<Record<string, string>> = {
  ...documentsFr,
  ...apiAuthFr,
  ...notificationsFr,
  ...channelsFr,
  ...deliveryFr,
  ...metricsFr,
};

export const FRENCH_TERMS: Readonly<Record<string, string>> = frTerms;
