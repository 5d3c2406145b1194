/** French for the sentences of src/documents/ (keys: the English `tr` templates). */
export const documentsFr: Record<string, string> = {
  // write-checks.ts
  '{0} {1} not found': '{0} {1} introuvable',
  '{0} {1} already exists': '{0} {1} existe déjà',
  '{0}: {1} {2} is already used by {3}': '{0} : {1} {2} est déjà utilisé par {3}',
  '{0}: {1} {2} is already used by another document': '{0} : {1} {2} est déjà utilisé par un autre document',
  '{0} {1} has been modified after you opened it (yours: {2}, stored: {3}). Reload it and try again':
    '{0} {1} a été modifié après son ouverture (votre version : {2}, version enregistrée : {3}). Rechargez-le et réessayez',
  '{0} {1} is submitted: not allowed to change {2} after submission': '{0} {1} est validé : {2} ne peut plus être modifié après validation',
};
