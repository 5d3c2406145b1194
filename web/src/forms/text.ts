/**
 * Words of the generic form's actions, child tables, history panel and list filters, English and French.
 * Kept beside these components rather than in i18n/en.ts and fr.ts (edited by other parts of the Desk at
 * the same time); `useFormText` picks the language the i18n context chose.
 */
import { useMemo } from 'react';
import { useI18n, type Params } from '../i18n/i18n.tsx';

const en = {
  'status.label': 'Status',
  'status.0': 'Draft',
  'status.1': 'Submitted',
  'status.2': 'Cancelled',
  'action.submit': 'Submit',
  'action.cancel': 'Cancel',
  'action.delete': 'Delete',
  'action.working': 'Working…',
  'action.failed': 'Not done: {message}',
  'action.submitted': 'Submitted',
  'action.cancelled': 'Cancelled',
  'confirm.submitTitle': 'Submit {name}?',
  'confirm.submitText': 'A submitted document can no longer be changed, except its fields allowed on submit.',
  'confirm.cancelTitle': 'Cancel {name}?',
  'confirm.cancelText': 'A cancelled document can no longer be changed.',
  'confirm.deleteTitle': 'Delete {name}?',
  'confirm.deleteText': 'The document will be deleted. Its last state stays in its history.',
  'confirm.yes': 'Yes, {action}',
  'confirm.no': 'Keep it',
  'readOnly.submitted': 'This document is submitted: only the fields allowed on submit can change.',
  'readOnly.cancelled': 'This document is cancelled: it can no longer change.',
  'table.add': 'Add a row',
  'table.remove': 'Remove row {row}',
  'table.actions': 'Actions',
  'table.row': 'Row {row}',
  'history.title': 'History',
  'history.versions': 'Changes',
  'history.noVersions': 'No changes recorded.',
  'history.by': '{user}, {when}',
  'history.action.insert': 'Created',
  'history.action.save': 'Saved',
  'history.action.submit': 'Submitted',
  'history.action.cancel': 'Cancelled',
  'history.action.update_after_submit': 'Updated after submit',
  'history.action.delete': 'Deleted',
  'history.action.rename': 'Renamed',
  'history.changed': '{field}: {from} → {to}',
  'history.rowsAdded': '{field}: {count} row(s) added',
  'history.rowsRemoved': '{field}: {count} row(s) removed',
  'history.rowChanged': '{field} row {row}: {column}: {from} → {to}',
  'history.empty': '(empty)',
  'history.notifications': 'Notifications sent',
  'history.noNotifications': 'No notifications about this document.',
  'history.notification': 'Notification',
  'history.destination': 'Destination',
  'history.deliveryStatus': 'Status',
  'history.delivery': 'Delivery',
  'filter.label': 'Filters',
  'filter.field': 'Field',
  'filter.operator': 'Operator',
  'filter.value': 'Value',
  'filter.add': 'Add filter',
  'filter.apply': 'Apply',
  'filter.remove': 'Remove filter {row}',
  'filter.clear': 'Clear filters',
  'sort.by': 'Sort by {field}',
  'sort.asc': 'ascending',
  'sort.desc': 'descending',
} as const;

export type FormTextKey = keyof typeof en;

const fr: Record<FormTextKey, string> = {
  'status.label': 'Statut',
  'status.0': 'Brouillon',
  'status.1': 'Validé',
  'status.2': 'Annulé',
  'action.submit': 'Valider',
  'action.cancel': 'Annuler',
  'action.delete': 'Supprimer',
  'action.working': 'En cours…',
  'action.failed': 'Non effectué : {message}',
  'action.submitted': 'Validé',
  'action.cancelled': 'Annulé',
  'confirm.submitTitle': 'Valider {name} ?',
  'confirm.submitText': 'Un document validé ne peut plus changer, sauf ses champs modifiables après validation.',
  'confirm.cancelTitle': 'Annuler {name} ?',
  'confirm.cancelText': 'Un document annulé ne peut plus changer.',
  'confirm.deleteTitle': 'Supprimer {name} ?',
  'confirm.deleteText': 'Le document sera supprimé. Son dernier état reste dans son historique.',
  'confirm.yes': 'Oui, {action}',
  'confirm.no': 'Le garder',
  'readOnly.submitted': 'Ce document est validé : seuls les champs modifiables après validation peuvent changer.',
  'readOnly.cancelled': 'Ce document est annulé : il ne peut plus changer.',
  'table.add': 'Ajouter une ligne',
  'table.remove': 'Supprimer la ligne {row}',
  'table.actions': 'Actions',
  'table.row': 'Ligne {row}',
  'history.title': 'Historique',
  'history.versions': 'Modifications',
  'history.noVersions': 'Aucune modification enregistrée.',
  'history.by': '{user}, {when}',
  'history.action.insert': 'Créé',
  'history.action.save': 'Enregistré',
  'history.action.submit': 'Validé',
  'history.action.cancel': 'Annulé',
  'history.action.update_after_submit': 'Modifié après validation',
  'history.action.delete': 'Supprimé',
  'history.action.rename': 'Renommé',
  'history.changed': '{field} : {from} → {to}',
  'history.rowsAdded': '{field} : {count} ligne(s) ajoutée(s)',
  'history.rowsRemoved': '{field} : {count} ligne(s) supprimée(s)',
  'history.rowChanged': '{field} ligne {row} : {column} : {from} → {to}',
  'history.empty': '(vide)',
  'history.notifications': 'Notifications envoyées',
  'history.noNotifications': 'Aucune notification sur ce document.',
  'history.notification': 'Notification',
  'history.destination': 'Destination',
  'history.deliveryStatus': 'Statut',
  'history.delivery': 'Envoi',
  'filter.label': 'Filtres',
  'filter.field': 'Champ',
  'filter.operator': 'Opérateur',
  'filter.value': 'Valeur',
  'filter.add': 'Ajouter un filtre',
  'filter.apply': 'Appliquer',
  'filter.remove': 'Retirer le filtre {row}',
  'filter.clear': 'Effacer les filtres',
  'sort.by': 'Trier par {field}',
  'sort.asc': 'croissant',
  'sort.desc': 'décroissant',
};

export type FormText = (key: FormTextKey, params?: Params) => string;

/** The generic form's and list's extra words in the chosen language. */
export function useFormText(): FormText {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = i18n.language === 'fr' ? fr : en;
    return (key: FormTextKey, params: Params = {}) =>
      (dictionary[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? i18n.formatNumber(v) : v;
      });
  }, [i18n]);
}

/** A key of this dictionary for a dynamic value, or undefined. */
export function isFormTextKey(key: string): key is FormTextKey {
  return key in en;
}
