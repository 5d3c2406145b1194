/** French for the sentences of src/api/ and src/auth/ (keys: the English `tr` templates). */
export const apiAuthFr: Record<string, string> = {
  // server.ts, error-response.ts, request-args.ts, method-routes.ts, desk-routes.ts
  'Not logged in: send Authorization: token <api_key>:<api_secret>, or log in at /api/method/login':
    'Non connecté : envoyez Authorization: token <api_key>:<api_secret>, ou connectez-vous via /api/method/login',
  'No route {0} {1}': 'Aucune route {0} {1}',
  'Malformed JSON in the request body: {0}': 'JSON mal formé dans le corps de la requête : {0}',
  'Request body is too large': 'Le corps de la requête est trop volumineux',
  'Bad request': 'Requête invalide',
  'Internal server error': 'Erreur interne du serveur',
  'The request body must be a JSON object (or a form) of named arguments':
    "Le corps de la requête doit être un objet JSON (ou un formulaire) d'arguments nommés",
  'The request body must be a JSON object holding the document fields':
    'Le corps de la requête doit être un objet JSON contenant les champs du document',
  'Argument {0} is not valid JSON: {1}': "L'argument {0} n'est pas du JSON valide : {1}",
  'Argument {0} is required': "L'argument {0} est requis",
  'No method {0}': 'Méthode {0} introuvable',
  'The Desk (web UI) is not built: run `npm run build:web` (npm ci runs it), then reload this page.':
    "Le Desk (l'interface web) n'est pas construit : lancez `npm run build:web` (npm ci le fait), puis rechargez cette page.",
  'No file {0}': 'Fichier {0} introuvable',
  // methods/
  'Not permitted: only a {0} may generate keys for {1}': 'Non autorisé : seul un {0} peut générer les clés de {1}',
  'Argument {0} must be a document (a JSON object with doctype and name)':
    "L'argument {0} doit être un document (un objet JSON avec doctype et name)",
  'Only a {0} may {1}': 'Seul un {0} peut {1}',
  'retry a delivery': 'relancer un envoi',
  'cancel a delivery': 'annuler un envoi',
  'Only a {0} may reveal a webhook URL': "Seul un {0} peut afficher l'URL d'un webhook",
  'Only a {0} may send a test message': 'Seul un {0} peut envoyer un message de test',
  'Not permitted: only a {0} may {1}': 'Non autorisé : seul un {0} peut {1}',
  'preview notifications': 'prévisualiser les notifications',
  'send test notifications': 'envoyer des notifications de test',
  'explain notifications': 'expliquer les notifications',
  'Argument names (a list of {0} names) or all: true is required': "L'argument names (une liste de noms de {0}) ou all: true est requis",
  // auth/
  'Invalid API key or secret in the Authorization header': "Clé ou secret d'API invalide dans l'en-tête Authorization",
  'Incomplete login details: send usr and pwd': 'Identifiants de connexion incomplets : envoyez usr et pwd',
  'Invalid login credentials': 'Identifiants de connexion invalides',
  'User disabled or missing': 'Utilisateur désactivé ou manquant',
  '{0}: email {1} is not a valid e-mail address': "{0} : l'e-mail {1} n'est pas une adresse e-mail valide",
  '{0} {1} cannot be disabled': '{0} {1} ne peut pas être désactivé',
  '{0} {1} cannot be deleted': '{0} {1} ne peut pas être supprimé',
  '{0} {1} cannot be renamed': '{0} {1} ne peut pas être renommé',
};
