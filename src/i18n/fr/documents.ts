/** French for the sentences of src/documents/ (keys: the English `tr` templates). */
export const documentsFr: Record<string, string> = {
  // Two parts joined by a colon (a place and what is wrong there): French puts a space before it.
  '{0}: {1}': '{0} : {1}',

  // write-checks.ts
  '{0} {1} not found': '{0} {1} introuvable',
  '{0} {1} already exists': '{0} {1} existe déjà',
  '{0}: {1} {2} is already used by {3}': '{0} : {1} {2} est déjà utilisé par {3}',
  '{0}: {1} {2} is already used by another document': '{0} : {1} {2} est déjà utilisé par un autre document',
  '{0} {1} has been modified after you opened it (yours: {2}, stored: {3}). Reload it and try again':
    '{0} {1} a été modifié après son ouverture (votre version : {2}, version enregistrée : {3}). Rechargez-le et réessayez',
  '{0} {1} is submitted: not allowed to change {2} after submission': '{0} {1} est validé : {2} ne peut plus être modifié après validation',

  // field-values.ts
  '{0} row {1}': '{0}, ligne {1}',
  '{0}: {1} ({2}) expects {3}, got {4}': '{0} : {1} ({2}) attend {3}, valeur reçue : {4}',
  'a whole number': 'un nombre entier',
  'a whole number between -2147483647 and 2147483647': 'un nombre entier entre -2147483647 et 2147483647',
  'a number': 'un nombre',
  '0 or 1': '0 ou 1',
  'a date YYYY-MM-DD': 'une date AAAA-MM-JJ',
  'a datetime YYYY-MM-DD HH:MM:SS': 'une date et heure AAAA-MM-JJ HH:MM:SS',
  'a time HH:MM:SS': 'une heure HH:MM:SS',
  'JSON text or a JSON object/array': 'un texte JSON ou un objet/tableau JSON',
  'a list of rows': 'une liste de lignes',
  text: 'du texte',
  'at most 140 characters': '140 caractères au plus',
  '{0}: {1} cannot be "{2}". It should be one of {3}': '{0} : {1} ne peut pas être "{2}". La valeur doit être l\'une des suivantes : {3}',

  // document-validation.ts
  'Error: Value missing for {0}: {1}': 'Erreur : Valeur manquante pour {0} : {1}',
  '{0}: {1}: could not find {2} {3}': '{0} : {1} : impossible de trouver {2} {3}',

  // document-input.ts, did-you-mean.ts
  '{0}: unknown field "{1}".{2}': '{0} : champ inconnu "{1}".{2}',
  ' Did you mean "{0}"?': ' Vouliez-vous dire "{0}" ?',
  '{0} must be an object': '{0} doit être un objet',
  '{0}: {1} must be text': '{0} : {1} doit être du texte',

  // naming.ts
  'autoname "{0}" is not understood: use hash, prompt, field:<fieldname> or a series like ISS-.#####':
    'autoname "{0}" n\'est pas compris : utilisez hash, prompt, field:<fieldname> ou une série comme ISS-.#####',
  '{0}: a name is required': '{0} : un nom est requis',
  '{0}: name is longer than 140 characters': '{0} : le nom dépasse 140 caractères',
  '{0}: name "{1}" contains a forbidden character (/ \\ ? # % or a control character)':
    '{0} : le nom "{1}" contient un caractère interdit (/ \\ ? # % ou un caractère de contrôle)',
  '{0}: a name is required (this document type is named by prompt)':
    '{0} : un nom est requis (les documents de ce type sont nommés à la saisie)',
  '{0}: {1} is required, it names the document': '{0} : {1} est requis, il donne son nom au document',

  // lifecycle.ts, document-service.ts
  '{0}: docstatus must be 0 (draft), 1 (submitted) or 2 (cancelled), got {1}':
    '{0} : docstatus doit valoir 0 (brouillon), 1 (validé) ou 2 (annulé), valeur reçue : {1}',
  '{0} {1} is cancelled: a cancelled document cannot be changed': '{0} {1} est annulé : un document annulé ne peut pas être modifié',
  '{0} is not submittable: docstatus must stay 0': "{0} n'est pas validable : docstatus doit rester à 0",
  '{0} {1}: a draft cannot be cancelled, submit it first': "{0} {1} : un brouillon ne peut pas être annulé, validez-le d'abord",
  '{0} {1}: a submitted document cannot go back to draft, cancel it instead':
    '{0} {1} : un document validé ne peut pas redevenir un brouillon, annulez-le plutôt',
  '{0} is a child table: read and write its rows through their parent document':
    '{0} est une table enfant : lisez et modifiez ses lignes depuis leur document parent',
  '{0}: a new document cannot be cancelled': '{0} : un nouveau document ne peut pas être annulé',
  '{0} {1} is submitted: cancel it before deleting it': '{0} {1} est validé : annulez-le avant de le supprimer',
  'Not permitted: {0} may not change {1} of {2} {3}': 'Non autorisé : {0} ne peut pas modifier {1} de {2} {3}',

  // permissions.ts
  'Not permitted: {0} may not read {1}': 'Non autorisé : {0} ne peut pas lire {1}',
  'Not permitted: {0} may not write {1}': 'Non autorisé : {0} ne peut pas modifier {1}',
  'Not permitted: {0} may not create {1}': 'Non autorisé : {0} ne peut pas créer {1}',
  'Not permitted: {0} may not delete {1}': 'Non autorisé : {0} ne peut pas supprimer {1}',
  'Not permitted: {0} may not submit {1}': 'Non autorisé : {0} ne peut pas valider {1}',
  'Not permitted: {0} may not cancel {1}': 'Non autorisé : {0} ne peut pas annuler {1}',

  // link-checks.ts
  'Cannot delete or cancel because {0} {1} is linked with {2} {3} (field {4})':
    "Impossible de supprimer ou d'annuler car {0} {1} est lié à {2} {3} (champ {4})",

  // document-rename.ts
  'rename_doc: merge is not supported; rename to a name that is not taken':
    "rename_doc : la fusion n'est pas prise en charge ; choisissez un nom qui n'est pas déjà pris",

  // meta-registry.ts
  'DocType {0} not found': 'DocType {0} introuvable',

  // schema-sync.ts
  '{0}: {1} cannot be made unique, existing documents share a value':
    '{0} : {1} ne peut pas être rendu unique, des documents existants partagent une même valeur',

  // doctype-controller.ts
  'DocType {0} is part of Relais and cannot be changed': 'Le DocType {0} fait partie de Relais et ne peut pas être modifié',
  'DocType {0} is part of Relais and cannot be deleted': 'Le DocType {0} fait partie de Relais et ne peut pas être supprimé',
  'DocType {0} cannot be deleted: DocType {1} has a field that points at it':
    'Le DocType {0} ne peut pas être supprimé : le DocType {1} a un champ qui pointe vers lui',
  'DocType {0} cannot be deleted while it has documents (for example {1}); delete them first':
    "Le DocType {0} ne peut pas être supprimé tant qu'il a des documents (par exemple {1}) ; supprimez-les d'abord",
  'DocType {0} cannot be renamed; create a new DocType instead':
    'Le DocType {0} ne peut pas être renommé ; créez plutôt un nouveau DocType',

  // doctype-definition.ts
  'DocType {0}: {1}': 'DocType {0} : {1}',
  'the name must start with a letter and hold only letters, digits, spaces, - and _ (at most 61 characters)':
    'le nom doit commencer par une lettre et ne contenir que des lettres, des chiffres, des espaces, - et _ (61 caractères au plus)',
  'a child table cannot be submittable': 'une table enfant ne peut pas être validable',
  'istable cannot change once the DocType exists': 'istable ne peut plus changer une fois le DocType créé',
  '{0} "{1}" is not a field of this DocType': '{0} "{1}" n\'est pas un champ de ce DocType',
  'fieldname "{0}" must be lowercase letters, digits and _ and start with a letter':
    'le nom de champ "{0}" ne doit contenir que des lettres minuscules, des chiffres et _, et commencer par une lettre',
  '"{0}" is a reserved fieldname': '"{0}" est un nom de champ réservé',
  'fieldname "{0}" appears twice': 'le nom de champ "{0}" apparaît deux fois',
  '{0} field "{1}" needs options (the target DocType)': 'le champ {0} "{1}" a besoin d\'options (le DocType cible)',
  '{0} field "{1}" points at DocType "{2}", which does not exist': 'le champ {0} "{1}" pointe vers le DocType "{2}", qui n\'existe pas',
  '{0} field "{1}" needs a child DocType (istable), "{2}" is not one':
    'le champ {0} "{1}" a besoin d\'un DocType enfant (istable), "{2}" n\'en est pas un',
  '{0} field "{1}" cannot point at child table "{2}"': 'le champ {0} "{1}" ne peut pas pointer vers la table enfant "{2}"',
  'a child table cannot hold a {0} field': 'une table enfant ne peut pas contenir de champ {0}',
  'a {0} field cannot be unique': 'un champ {0} ne peut pas être unique',
  'default of "{0}" is not valid: {1}': 'la valeur par défaut de "{0}" n\'est pas valide : {1}',
  '"{0}" cannot change from {1} to {2} (stored differently); add a new field instead':
    '"{0}" ne peut pas passer de {1} à {2} (stockés différemment) ; ajoutez plutôt un nouveau champ',
  'autoname "{0}" names documents by field "{1}", which is not a field of this DocType':
    'autoname "{0}" nomme les documents d\'après le champ "{1}", qui n\'est pas un champ de ce DocType',

  // list-query/
  'Filter {0} in {1}': 'Filtre {0} dans {1}',
  '{0} must be a list of filters or an object, got {1}': '{0} doit être une liste de filtres ou un objet, valeur reçue : {1}',
  '{0} is not valid JSON': "{0} n'est pas du JSON valide",
  'expected [field, operator, value] or {field: value}, got {0}':
    'attendu : [field, operator, value] ou {field: value}, valeur reçue : {0}',
  'expected [field, operator, value], got a list of {0}': 'attendu : [field, operator, value], reçu une liste de {0}',
  '{"{0}": [...]} expects [operator, value], got a list of {1}': '{"{0}": [...]} attend [operator, value], reçu une liste de {1}',
  'doctype {0} does not match "{1}" (filters on other doctypes are not supported)':
    'le DocType {0} ne correspond pas à "{1}" (les filtres sur d\'autres DocTypes ne sont pas pris en charge)',
  'unknown operator {0} (use one of {1})': "opérateur inconnu {0} (utilisez l'un de ceux-ci : {1})",
  '"{0}" on {1} {2}': '"{0}" sur {1} {2}',
  'expects a single value, got {0}': 'attend une seule valeur, valeur reçue : {0}',
  'expects a number, got {0}': 'attend un nombre, valeur reçue : {0}',
  'expects a list or a comma-separated string, got {0}': 'attend une liste ou un texte séparé par des virgules, valeur reçue : {0}',
  'list member {0}: {1}': 'élément de liste {0} : {1}',
  'expects a list of two values [from, to], got {0}': 'attend une liste de deux valeurs [from, to], valeur reçue : {0}',
  '"is" expects "set" or "not set", got {0}': '"is" attend "set" ou "not set", valeur reçue : {0}',
  'a list of {0}': 'une liste de {0}',
  'an object': 'un objet',
  '"{0}" refers to doctype "{1}", not "{2}"': '"{0}" désigne le DocType "{1}", et non "{2}"',
  '"{0}" is not a valid field name': '"{0}" n\'est pas un nom de champ valide',
  'unknown field "{0}" in {1} (did you mean "{2}"?)': 'champ inconnu "{0}" dans {1} (vouliez-vous dire "{2}" ?)',
  'unknown field "{0}" in {1}': 'champ inconnu "{0}" dans {1}',
  '{0} must be a non-negative integer, got {1}': '{0} doit être un entier positif ou nul, valeur reçue : {1}',
  'fields must be a list of field names, got {0}': 'fields doit être une liste de noms de champs, valeur reçue : {0}',
  'fields is not valid JSON': "fields n'est pas du JSON valide",
  'fields: {0} is not a field name': "fields : {0} n'est pas un nom de champ",
  'fields: "{0}" cannot alias "*"': 'fields : "{0}" ne peut pas donner d\'alias à "*"',
  '"{0}" is not a field name or "field as alias"': '"{0}" n\'est ni un nom de champ ni de la forme "field as alias"',
  'fields: {0}': 'fields : {0}',
  'fields: alias "{0}" in "{1}" must be letters, digits and underscores':
    'fields : l\'alias "{0}" dans "{1}" ne doit contenir que des lettres, des chiffres et des tirets bas',
  'fields: "{0}" names both {1} and {2}': 'fields : "{0}" désigne à la fois {1} et {2}',
  'order_by must be a string like "modified desc", got {0}': 'order_by doit être un texte comme "modified desc", valeur reçue : {0}',
  'order_by: empty term in "{0}"': 'order_by : terme vide dans "{0}"',
  '"{0}" is not "field asc" or "field desc"': '"{0}" n\'est ni "field asc" ni "field desc"',
  'order_by: {0}': 'order_by : {0}',
};
