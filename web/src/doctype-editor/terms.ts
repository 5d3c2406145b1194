// No imports here: i18n.tsx reads these while the modules load.
/** Doctype names of the settings (merged into the i18n terms). */
export const SETTINGS_TERMS = {
  en: {} as Record<string, string>,
  fr: { DocType: 'Type de document', User: 'Utilisateur', Role: 'Rôle', 'Has Role': 'Rôle attribué', DocField: 'Champ' } as Record<
    string,
    string
  >,
};

/** The settings' menu entries, where they differ from the doctype's name (the lists hold many). */
export const SETTINGS_MENU_LABELS = {
  en: { User: 'Users', Role: 'Roles' } as Record<string, string>,
  fr: { DocType: 'Type de document', User: 'Utilisateurs', Role: 'Rôles' } as Record<string, string>,
};
