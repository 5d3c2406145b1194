/** French for the sentences of src/notifications/ and src/templates/ (keys: the English `tr` templates). */
export const notificationsFr: Record<string, string> = {
  // notification-checks.ts, notification-controller.ts
  '{0}: {1}: {2}': '{0} : {1} : {2}',
  'recipients row {0}: {1}': 'destinataires, ligne {0} : {1}',
  'Error: Value missing for {0}: {1} ({2})': 'Erreur : Valeur manquante pour {0} : {1} ({2})',
  'cannot be changed after the first save (it is "{0}"); create a new Notification instead':
    'ne peut plus être modifié après le premier enregistrement (il vaut « {0} ») ; créez plutôt une nouvelle notification',
  'required for the {0} channel': 'requis pour le canal {0}',
  'at least one recipient row is required for the {0} channel': 'au moins une ligne de destinataire est requise pour le canal {0}',
  'a Notification cannot be set on {0} (notifications and their logs cannot notify)':
    'une notification ne peut pas porter sur {0} (les notifications et leurs journaux ne peuvent pas notifier)',
  'cannot set a Notification with event {0} on {1}, a child table (only Days and Minutes Before/After can watch child rows)':
    "impossible de définir une notification sur l'événement {0} pour {1}, une table enfant (seuls les événements Jours et Minutes avant/après peuvent surveiller des lignes enfants)",
  'a {0} field': 'un champ {0}',
  'an {0} field': 'un champ {0}',
  none: 'aucun',
  '{0} is {1}': '{0} est {1}',
  '{0} has no field "{1}".{2}': "{0} n'a pas de champ « {1} ».{2}",
  'must name {0} of {1}: {2}. Choose one of {3}': 'doit nommer {0} de {1} : {2}. Choisissez parmi {3}',
  'must be 0 or more, got {0}': 'doit être supérieur ou égal à 0 (reçu : {0})',
  'the date field to check is required for {0}': 'le champ date à vérifier est requis pour {0}',
  'a Date or Datetime field': 'un champ Date ou Datetime',
  'the datetime field to check is required for {0}': 'le champ date et heure à vérifier est requis pour {0}',
  'a Datetime field': 'un champ Datetime',
  'required for {0}': 'requis pour {0}',
  'must be at least 1 minute, got {0}': "doit être d'au moins 1 minute (reçu : {0})",
  'the field to watch is required for {0}': 'le champ à surveiller est requis pour {0}',
  'a stored field': 'un champ stocké',
  'the hook or method name is required for the {0} event': "le nom du hook ou de la méthode est requis pour l'événement {0}",
  '{0} is a standard field, set by Relais': '{0} est un champ standard, défini par Relais',
  'must name a field of {0} to set: {1}': 'doit nommer un champ de {0} à modifier : {1}',
  'is not a valid value for {0}.{1} ({2}): {3}': "n'est pas une valeur valide pour {0}.{1} ({2}) : {3}",
  'each row needs a document field, a role, a user, cc or bcc':
    "chaque ligne a besoin d'un champ du document, d'un rôle, d'un utilisateur, d'un Cc ou d'un Cci",
  '"{0}" cannot name recipients: {1}': '« {0} » ne peut pas désigner de destinataires : {1}',
  '"{0}" must be "field,child_table" with a table of {1} (tables: {2}).{3}':
    '« {0} » doit être de la forme « field,child_table » avec une table de {1} (tables : {2}).{3}',
  '{0}; choose a Data/Text field or a Link to User: {1}': '{0} ; choisissez un champ Data/Text ou un lien vers Utilisateur : {1}',
  // notification-inspect.ts
  'An unsaved notification needs its document_type': 'Une notification non enregistrée a besoin de son document_type',
  'Argument notification is required: a notification name or its field values':
    "L'argument notification est requis : le nom d'une notification ou les valeurs de ses champs",
  '{0} is sent as the subject and message above': '{0} est envoyé avec le sujet et le message ci-dessus',
  '{0} {1} does not exist': "{0} {1} n'existe pas",
  empty: 'vide',
  '{0} is {1}; due today when it is {2}': "{0} vaut {1} ; à envoyer aujourd'hui quand il vaut {2}",
  '{0} is {1}; due this minute when in ({2}, {3}]': '{0} vaut {1} ; à envoyer cette minute quand il est dans ]{2}, {3}]',
  'Unknown event {0}; one of {1}': 'Événement {0} inconnu ; valeurs possibles : {1}',
  'the notification is sent on {0}': "la notification est envoyée sur l'événement {0}",
  "{0} did not change in the document's last write": "{0} n'a pas changé lors de la dernière écriture du document",

  // ---- src/templates/ (template and condition problems: previews, explain, Failed deliveries) ----
  // expression-names.ts
  "unknown name '{0}'{1}": "nom inconnu '{0}'{1}",
  "unknown field '{0}' of {1}{2}": "champ inconnu '{0}' dans {1}{2}",
  "unknown attribute '{0}' of {1}{2}": "attribut inconnu '{0}' dans {1}{2}",
  " (did you mean '{0}'?)": " (vouliez-vous dire '{0}' ?)",
  // engine-errors.ts (minijinja's own words stay as the engine says them)
  'undefined value (an unknown variable, field or attribute)': 'valeur indéfinie (une variable, un champ ou un attribut inconnu)',
  'the template did too much work (fuel exhausted): check its loops':
    'le modèle a demandé trop de calculs (fuel épuisé) : vérifiez ses boucles',
  // template-globals.ts, date-helpers.ts (a helper's refusal, after its name)
  '{0}(): {1}': '{0}() : {1}',
  "unexpected keyword argument '{0}'": "argument nommé inattendu '{0}'",
  '{0} is not a date (expected YYYY-MM-DD)': "{0} n'est pas une date (format attendu : AAAA-MM-JJ)",
  '{0} is not a real date': "{0} n'est pas une date existante",
  // render-worker.ts, worker-pool.ts (limits, data calls, the worker's life)
  'too many frappe.db.get_value / frappe.get_doc calls (limit {0})': "trop d'appels à frappe.db.get_value / frappe.get_doc (limite : {0})",
  'the output is larger than {0} bytes': 'le résultat dépasse {0} octets',
  'the {0} answer is larger than {1} bytes': 'la réponse de {0} dépasse {1} octets',
  'no data source is available here': "aucune source de données n'est disponible ici",
  'the template took longer than {0} ms': 'le modèle a pris plus de {0} ms',
  'the template engine could not start: {0}': "le moteur de modèles n'a pas pu démarrer : {0}",
  'the template engine could not restart: {0}': "le moteur de modèles n'a pas pu redémarrer : {0}",
  'the template engine crashed: {0}': 'le moteur de modèles a planté : {0}',
  'the template engine stopped unexpectedly': "le moteur de modèles s'est arrêté de manière inattendue",
  // fire-rules.ts (a Failed delivery's error, stored in the site language)
  'Set property after alert: {0}': "Définir la propriété après l'alerte : {0}",
};
