/**
 * Words of the explain view, English and French. Kept beside it rather than in i18n/en.ts and fr.ts
 * (edited by other parts of the Desk at the same time), as the delivery log does.
 */
import { useMemo } from 'react';
import { useI18n, type Params } from '../i18n/i18n.tsx';

const en = {
  'explain.button': 'Explain notifications',
  'explain.hide': 'Hide the explanation',
  'explain.title': 'Which notifications fire on this document',
  'explain.intro': 'For each notification on {doctype}: would it be sent for this document now, and if not, why.',
  'explain.refresh': 'Explain again',
  'explain.none': 'No notification is set up for {doctype}.',
  'explain.fires': 'Would be sent (on {event})',
  'explain.notFires': 'Would not be sent',
  'explain.event': 'Event: {event}',
  'reason.disabled': 'The notification is disabled.',
  'reason.event': 'It is sent on another event: {event}.',
  'reason.value_unchanged': 'The field it watches ({field}) did not change in the last save.',
  'reason.date_not_due': 'The date is not due now.',
  'reason.condition_false': 'The condition {condition} is false for this document.',
  'reason.condition_falseNoText': 'The condition is false for this document.',
  'reason.values': 'Values now:',
  'reason.condition_error': 'The condition has an error.',
  'reason.template_error': 'The {stage} has an error.',
  'reason.already_sent': 'It was already sent for this document (it is not sent twice).',
  'problem.at': 'Line {line}, column {column}: {message}',
  'problem.plain': '{message}',
  detail: 'Detail: {detail}',
  'stage.condition': 'condition',
  'stage.subject': 'subject',
  'stage.message': 'message',
  'stage.recipients': 'recipients',
  empty: '(empty)',
} as const;

export type ExplainTextKey = keyof typeof en;

const fr: Record<ExplainTextKey, string> = {
  'explain.button': 'Expliquer les notifications',
  'explain.hide': "Masquer l'explication",
  'explain.title': 'Quelles notifications partent pour ce document',
  'explain.intro': 'Pour chaque notification sur {doctype} : serait-elle envoyée pour ce document maintenant, et sinon, pourquoi.',
  'explain.refresh': 'Expliquer de nouveau',
  'explain.none': "Aucune notification n'est définie pour {doctype}.",
  'explain.fires': 'Serait envoyée (événement {event})',
  'explain.notFires': 'Ne serait pas envoyée',
  'explain.event': 'Événement : {event}',
  'reason.disabled': 'La notification est désactivée.',
  'reason.event': 'Elle est envoyée sur un autre événement : {event}.',
  'reason.value_unchanged': "Le champ qu'elle surveille ({field}) n'a pas changé lors du dernier enregistrement.",
  'reason.date_not_due': "La date n'est pas échue maintenant.",
  'reason.condition_false': 'La condition {condition} est fausse pour ce document.',
  'reason.condition_falseNoText': 'La condition est fausse pour ce document.',
  'reason.values': 'Valeurs actuelles :',
  'reason.condition_error': 'La condition contient une erreur.',
  'reason.template_error': 'Le modèle ({stage}) contient une erreur.',
  'reason.already_sent': 'Elle a déjà été envoyée pour ce document (elle ne part pas deux fois).',
  'problem.at': 'Ligne {line}, colonne {column} : {message}',
  'problem.plain': '{message}',
  detail: 'Détail : {detail}',
  'stage.condition': 'condition',
  'stage.subject': 'sujet',
  'stage.message': 'message',
  'stage.recipients': 'destinataires',
  empty: '(vide)',
};

export type ExplainText = (key: ExplainTextKey, params?: Params) => string;

/** The explain view's words in the chosen language. */
export function useExplainText(): ExplainText {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = i18n.language === 'fr' ? fr : en;
    return (key: ExplainTextKey, params: Params = {}) =>
      (dictionary[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? i18n.formatNumber(v) : v;
      });
  }, [i18n]);
}
