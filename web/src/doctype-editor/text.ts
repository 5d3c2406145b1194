/**
 * Words of the DocType editor and the User form, English and French. Kept beside these components rather
 * than in i18n/en.ts and fr.ts (edited by other parts of the Desk at the same time), as the delivery log's.
 */
import { useMemo } from 'react';
import { useI18n, type Params } from '../i18n/i18n.tsx';

const en = {
  'dt.name': 'Name',
  'dt.module': 'Module',
  'dt.autoname': 'Naming',
  'dt.autonameHint': 'hash, field:<fieldname>, prompt, or a naming series such as ISS-.#####',
  'dt.isSubmittable': 'Is Submittable',
  'dt.istable': 'Is Child Table',
  'dt.titleField': 'Title Field',
  'dt.noTitleField': '(none)',
  'dt.fields': 'Fields',
  'dt.noFields': 'No fields yet.',
  'dt.row': 'Row {row}',
  'dt.col.fieldname': 'Fieldname',
  'dt.col.label': 'Label',
  'dt.col.fieldtype': 'Type',
  'dt.col.options': 'Options',
  'dt.col.reqd': 'Mandatory',
  'dt.col.inListView': 'In List View',
  'dt.col.searchIndex': 'Index',
  'dt.col.unique': 'Unique',
  'dt.col.readOnly': 'Read Only',
  'dt.col.default': 'Default',
  'dt.col.actions': 'Actions',
  'dt.optionsSelect': 'One option per line',
  'dt.optionsLink': 'Target document type',
  'dt.optionsTable': 'Child table (document type)',
  'dt.addField': 'Add a field',
  'dt.remove': 'Remove row {row}',
  'dt.up': 'Move row {row} up',
  'dt.down': 'Move row {row} down',
  'dt.core': 'This document type is part of Relais: it cannot be changed here.',
  'dt.openList': 'Open the list of {doctype}',
  'dt.rowError': 'Row {row}: {message}',
  'user.firstName': 'First Name',
  'user.lastName': 'Last Name',
  'user.email': 'Email',
  'user.enabled': 'Enabled',
  'user.newPassword': 'New password',
  'user.newPasswordHint': 'Leave empty to keep the current password. It is never shown again.',
  'user.roles': 'Roles',
  'user.noRoles': 'No roles to choose from.',
} as const;

export type EditorTextKey = keyof typeof en;

const fr: Record<EditorTextKey, string> = {
  'dt.name': 'Nom',
  'dt.module': 'Module',
  'dt.autoname': 'Nommage',
  'dt.autonameHint': 'hash, field:<nom du champ>, prompt, ou une série de nommage comme ISS-.#####',
  'dt.isSubmittable': 'Validable',
  'dt.istable': 'Table enfant',
  'dt.titleField': 'Champ titre',
  'dt.noTitleField': '(aucun)',
  'dt.fields': 'Champs',
  'dt.noFields': 'Aucun champ pour le moment.',
  'dt.row': 'Ligne {row}',
  'dt.col.fieldname': 'Nom du champ',
  'dt.col.label': 'Libellé',
  'dt.col.fieldtype': 'Type',
  'dt.col.options': 'Options',
  'dt.col.reqd': 'Obligatoire',
  'dt.col.inListView': 'Dans la vue liste',
  'dt.col.searchIndex': 'Index',
  'dt.col.unique': 'Unique',
  'dt.col.readOnly': 'Lecture seule',
  'dt.col.default': 'Valeur par défaut',
  'dt.col.actions': 'Actions',
  'dt.optionsSelect': 'Une option par ligne',
  'dt.optionsLink': 'Type de document cible',
  'dt.optionsTable': 'Table enfant (type de document)',
  'dt.addField': 'Ajouter un champ',
  'dt.remove': 'Supprimer la ligne {row}',
  'dt.up': 'Monter la ligne {row}',
  'dt.down': 'Descendre la ligne {row}',
  'dt.core': 'Ce type de document fait partie de Relais : il ne peut pas être modifié ici.',
  'dt.openList': 'Ouvrir la liste {doctype}',
  'dt.rowError': 'Ligne {row} : {message}',
  'user.firstName': 'Prénom',
  'user.lastName': 'Nom',
  'user.email': 'E-mail',
  'user.enabled': 'Activé',
  'user.newPassword': 'Nouveau mot de passe',
  'user.newPasswordHint': 'Laissez vide pour garder le mot de passe actuel. Il ne sera plus jamais affiché.',
  'user.roles': 'Rôles',
  'user.noRoles': 'Aucun rôle à choisir.',
};

export type EditorText = (key: EditorTextKey, params?: Params) => string;

/** The editor's words in the chosen language. */
export function useEditorText(): EditorText {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = i18n.language === 'fr' ? fr : en;
    return (key: EditorTextKey, params: Params = {}) =>
      (dictionary[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? i18n.formatNumber(v) : v;
      });
  }, [i18n]);
}
