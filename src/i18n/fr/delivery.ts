/** French for the sentences of src/delivery/ (keys: the English `tr` templates). */
export const deliveryFr: Record<string, string> = {
  // address-guard.ts: the SSRF guard, when a webhook or SMS gateway is saved
  '{0}: webhooks may only reach public addresses (set RELAIS_ALLOW_PRIVATE_WEBHOOKS=1 to allow a private network)':
    '{0} : les webhooks ne peuvent joindre que des adresses publiques (définissez RELAIS_ALLOW_PRIVATE_WEBHOOKS=1 pour autoriser un réseau privé)',
  '{0} is this machine': '{0} est cette machine',
  '{0}, a {1} address': '{0}, une adresse de type {1}',
  '{0} resolves to {1}, a {2} address': '{0} pointe vers {1}, une adresse de type {2}',

  // http-sender.ts: no answer from the destination
  'the webhook URL is not a URL': "l'URL du webhook n'est pas une URL",
  '{0} is a {1} address': '{0} est une adresse de type {1}',
  'connection refused': 'connexion refusée',
  'connection reset': 'connexion interrompue',
  'dns not found': 'nom introuvable dans le DNS',
  'dns temporary failure': 'échec temporaire du DNS',
  timeout: "délai d'attente dépassé",
  'host unreachable': 'hôte injoignable',
  'network unreachable': 'réseau injoignable',
  'network error': 'erreur réseau',

  // chat-dispatch.ts, delivery-service.ts
  '{0} {1} no longer exists': "{0} {1} n'existe plus",
  'Relais cannot send to {0} yet': 'Relais ne sait pas encore envoyer vers {0}',
  'Body template: {0}': 'Modèle du corps : {0}',
  'Relais does not send through the {0} channel': "Relais n'envoie pas par le canal {0}",

  // delivery-results.ts, outbox-claim.ts: stored on the delivery
  '{0} (gave up after {1} attempts)': '{0} (abandon après {1} tentatives)',
  'The worker sending this message stopped before recording the outcome; sending it again.':
    "Le processus qui envoyait ce message s'est arrêté avant d'en enregistrer le résultat ; il est envoyé de nouveau.",

  // delivery-actions.ts: retry and cancel refused
  'Cannot retry {0} {1}: {2}': 'Impossible de réessayer {1} ({0}) : {2}',
  'Cannot cancel {0} {1}: {2}': "Impossible d'annuler {1} ({0}) : {2}",
  'it is being sent right now': "il est en cours d'envoi",
  'it was sent already': 'il a déjà été envoyé',
  'its message could not be prepared (see its error): fix the notification, then trigger it again':
    "son message n'a pas pu être préparé (voir son erreur) : corrigez la notification, puis déclenchez-la à nouveau",
  'it gave up already (retry it instead)': 'il a déjà été abandonné (réessayez-le plutôt)',
  'it is cancelled already': 'il est déjà annulé',
  'it is {0}': 'son statut est {0}',

  // email-dispatch.ts, smtp-sender.ts, sms-dispatch.ts
  'no SMTP server is configured (RELAIS_SMTP_URL)': "aucun serveur SMTP n'est configuré (RELAIS_SMTP_URL)",
  'no SMTP server is configured: set RELAIS_SMTP_URL (smtp://user:password@host:587) to send e-mail':
    "aucun serveur SMTP n'est configuré : définissez RELAIS_SMTP_URL (smtp://user:password@host:587) pour envoyer des e-mails",
  '{0} was refused': '{0} a été refusé',
  'refused: {0}': 'refusés : {0}',
  'no SMS gateway is configured ({0})': "aucune passerelle SMS n'est configurée ({0})",
};
