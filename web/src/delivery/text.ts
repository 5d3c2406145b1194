/**
 * Words of the bell and the delivery log, English and French. Kept beside these components rather than
 * in i18n/en.ts and fr.ts (edited by other parts of the Desk at the same time); `useDeliveryText` picks
 * the language the i18n context chose, and fills `{name}` placeholders the same way.
 */
import { useMemo } from 'react';
import { useI18n, type Params } from '../i18n/i18n.tsx';

const en = {
  'bell.label': 'Notifications',
  'bell.unread': '{count} unread notifications',
  'bell.unreadOne': '1 unread notification',
  'bell.none': 'No notifications',
  'bell.markAll': 'Mark all as read',
  'bell.from': 'from {user}',
  'bell.close': 'Close',
  'log.title': 'Delivery log',
  'log.filters': 'Filter by status',
  'log.all': 'All',
  'log.refresh': 'Refresh',
  'log.empty': 'No deliveries.',
  'log.notification': 'Notification',
  'log.destination': 'Destination',
  'log.document': 'Document',
  'log.status': 'Status',
  'log.attempts': 'Attempts',
  'log.lastError': 'Last error',
  'log.modified': 'Modified',
  'log.name': 'Delivery',
  'log.broken': 'Webhook broken',
  'log.range': '{from}–{to} of {total}',
  'log.previous': 'Previous',
  'log.next': 'Next',
  'log.pages': 'Pages',
  'detail.back': 'Back to the delivery log',
  'detail.retry': 'Retry',
  'detail.cancel': 'Cancel',
  'detail.done': 'Done: the delivery is now {status}.',
  'detail.channel': 'Channel',
  'detail.subject': 'Subject',
  'detail.runAt': 'Next attempt',
  'detail.sentAt': 'Sent at',
  'detail.errorCode': 'Error code',
  'detail.attemptLog': 'Attempts',
  'detail.noAttempts': 'No attempt yet.',
  'attempt.attempt': 'Attempt',
  'attempt.startedAt': 'Started at',
  'attempt.outcome': 'Outcome',
  'attempt.httpStatus': 'HTTP status',
  'attempt.latency': 'Latency (ms)',
  'attempt.errorCode': 'Error code',
  'attempt.error': 'Error',
  'attempt.response': 'Response',
  'status.Queued': 'Queued',
  'status.Sending': 'Sending',
  'status.Retrying': 'Retrying',
  'status.Sent': 'Sent',
  'status.Failed': 'Failed',
  'status.Dead': 'Dead',
  'status.Cancelled': 'Cancelled',
  'filter.Queued': 'Queued',
  'filter.Sent': 'Sent',
  'filter.Retrying': 'Retrying',
  'filter.Dead': 'Dead',
  'filter.Failed': 'Failed',
  'filter.Cancelled': 'Cancelled',
  'outcome.Sent': 'Sent',
  'outcome.Retry': 'Retry',
  'outcome.Broken': 'Broken',
  'outcome.Rejected': 'Rejected',
  'outcome.Error': 'Error',
} as const;

export type DeliveryTextKey = keyof typeof en;

const fr: Record<DeliveryTextKey, string> = {
  'bell.label': 'Notifications',
  'bell.unread': '{count} notifications non lues',
  'bell.unreadOne': '1 notification non lue',
  'bell.none': 'Aucune notification',
  'bell.markAll': 'Tout marquer comme lu',
  'bell.from': 'de {user}',
  'bell.close': 'Fermer',
  'log.title': 'Journal des envois',
  'log.filters': 'Filtrer par statut',
  'log.all': 'Toutes',
  'log.refresh': 'Actualiser',
  'log.empty': 'Aucun envoi.',
  'log.notification': 'Notification',
  'log.destination': 'Destination',
  'log.document': 'Document',
  'log.status': 'Statut',
  'log.attempts': 'Tentatives',
  'log.lastError': 'Dernière erreur',
  'log.modified': 'Modifié',
  'log.name': 'Envoi',
  'log.broken': 'Webhook en panne',
  'log.range': '{from}–{to} sur {total}',
  'log.previous': 'Précédent',
  'log.next': 'Suivant',
  'log.pages': 'Pages',
  'detail.back': 'Retour au journal des envois',
  'detail.retry': 'Réessayer',
  'detail.cancel': 'Annuler',
  'detail.done': "C'est fait : l'envoi est maintenant {status}.",
  'detail.channel': 'Canal',
  'detail.subject': 'Sujet',
  'detail.runAt': 'Prochaine tentative',
  'detail.sentAt': 'Envoyé le',
  'detail.errorCode': "Code d'erreur",
  'detail.attemptLog': 'Tentatives',
  'detail.noAttempts': 'Aucune tentative pour le moment.',
  'attempt.attempt': 'Tentative',
  'attempt.startedAt': 'Début',
  'attempt.outcome': 'Résultat',
  'attempt.httpStatus': 'Statut HTTP',
  'attempt.latency': 'Latence (ms)',
  'attempt.errorCode': "Code d'erreur",
  'attempt.error': 'Erreur',
  'attempt.response': 'Réponse',
  'status.Queued': "En file d'attente",
  'status.Sending': "En cours d'envoi",
  'status.Retrying': 'Nouvel essai',
  'status.Sent': 'Envoyée',
  'status.Failed': 'Échouée',
  'status.Dead': 'Abandonnée',
  'status.Cancelled': 'Annulée',
  'filter.Queued': "En file d'attente",
  'filter.Sent': 'Envoyées',
  'filter.Retrying': 'Nouvel essai',
  'filter.Dead': 'Abandonnées',
  'filter.Failed': 'Échouées',
  'filter.Cancelled': 'Annulées',
  'outcome.Sent': 'Envoyé',
  'outcome.Retry': 'À réessayer',
  'outcome.Broken': 'Destination en panne',
  'outcome.Rejected': 'Refusé',
  'outcome.Error': 'Erreur',
};

export type DeliveryText = (key: DeliveryTextKey, params?: Params) => string;

/** The bell's and the delivery log's words in the chosen language. */
export function useDeliveryText(): DeliveryText {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = i18n.language === 'fr' ? fr : en;
    return (key: DeliveryTextKey, params: Params = {}) =>
      (dictionary[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? i18n.formatNumber(v) : v;
      });
  }, [i18n]);
}

/** A known key for a dynamic value (a status, an outcome), or the value itself. */
export function dynamicText(text: DeliveryText, prefix: 'status' | 'filter' | 'outcome', value: string): string {
  const key = `${prefix}.${value}` as DeliveryTextKey;
  return key in en ? text(key) : value;
}
