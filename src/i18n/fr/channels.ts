/** French for the sentences of src/channels/ and src/integrations/ (keys: the English `tr` templates). */
export const channelsFr: Record<string, string> = {
  // url-checks.ts, registry.ts: any webhook URL
  'remove the spaces around the URL': "retirez les espaces autour de l'URL",
  'this is not a URL': "ce n'est pas une URL",
  'a webhook URL must not carry a user name or password before the host':
    "une URL de webhook ne doit porter ni nom d'utilisateur ni mot de passe avant l'hôte",
  'a webhook URL has no #fragment': "une URL de webhook n'a pas de #fragment",
  'a webhook URL starts with https://': 'une URL de webhook commence par https://',
  'a {0} webhook URL starts with https://': 'une URL de webhook {0} commence par https://',
  'a {0} webhook URL is on {1}, not {2}': 'une URL de webhook {0} est sur {1}, pas sur {2}',
  'a {0} webhook URL has no port ({1} given)': "une URL de webhook {0} n'a pas de port ({1} indiqué)",
  'a {0} webhook URL has no ?parameters': "une URL de webhook {0} n'a pas de ?paramètres",
  // http-outcomes.ts: a service's answer, quoted
  'HTTP {0}: {1}': 'HTTP {0} : {1}',
  'HTTP {0}': 'HTTP {0}',

  // google-chat.ts
  'the path must be /v1/spaces/{space}/messages, as Google Chat gives it':
    'le chemin doit être /v1/spaces/{space}/messages, tel que Google Chat le donne',
  'the key parameter is missing (copy the whole URL from Google Chat)':
    "le paramètre key manque (copiez l'URL complète depuis Google Chat)",
  'the key parameter is not a Google API key (AIza… and 39 characters)':
    "le paramètre key n'est pas une clé d'API Google (AIza… et 39 caractères)",
  'the token parameter is missing (copy the whole URL from Google Chat)':
    "le paramètre token manque (copiez l'URL complète depuis Google Chat)",
  'the token parameter holds characters Google Chat tokens never have':
    "le paramètre token contient des caractères qu'un jeton Google Chat n'a jamais",
  'unexpected parameter {0}: keep only key and token': 'paramètre inattendu {0} : ne gardez que key et token',

  // slack.ts
  "this is a Workflow Builder webhook, which takes only its workflow's variables: use an incoming webhook (…/services/…)":
    "c'est un webhook de Workflow Builder, qui ne reçoit que les variables de son workflow : utilisez un webhook entrant (…/services/…)",
  'the path must be /services/T…/B…/{secret}, as Slack gives it': 'le chemin doit être /services/T…/B…/{secret}, tel que Slack le donne',
  'the workspace part (T…) is not a Slack workspace id':
    "la partie espace de travail (T…) n'est pas un identifiant d'espace de travail Slack",
  'the webhook part (B…) is not a Slack webhook id': "la partie webhook (B…) n'est pas un identifiant de webhook Slack",
  'the secret at the end is missing (copy the whole URL from Slack)': "le secret final manque (copiez l'URL complète depuis Slack)",
  'the secret at the end is 24 letters and digits in a Slack URL (copy the whole URL)':
    "dans une URL Slack, le secret final compte 24 lettres et chiffres (copiez l'URL complète)",

  // teams.ts
  'Office 365 connectors (Incoming Webhook) are retired in Teams: create a Workflows webhook and paste its URL':
    'Les connecteurs Office 365 (Incoming Webhook) sont retirés de Teams : créez un webhook Workflows et collez son URL',
  'Workflows URLs on logic.azure.com stopped working on November 30, 2025: copy the new URL from the workflow':
    'les URL Workflows sur logic.azure.com ne fonctionnent plus depuis le 30 novembre 2025 : copiez la nouvelle URL depuis le workflow',
  'a Teams Workflows URL starts with https://': 'une URL Workflows de Teams commence par https://',
  'a Teams Workflows URL is on {environment}{0}, not {1}': 'une URL Workflows de Teams est sur {environment}{0}, pas sur {1}',
  'a Teams Workflows URL has no port other than 443 ({0} given)': "une URL Workflows de Teams n'a pas d'autre port que 443 ({0} indiqué)",
  'the path must be /powerautomate/automations/direct/workflows/{id}/triggers/manual/paths/invoke, as the workflow gives it':
    'le chemin doit être /powerautomate/automations/direct/workflows/{id}/triggers/manual/paths/invoke, tel que le workflow le donne',
  'the {0} parameter is missing (copy the whole URL from the workflow)':
    "le paramètre {0} manque (copiez l'URL complète depuis le workflow)",
  'the sp parameter must be %2Ftriggers%2Fmanual%2Frun': 'le paramètre sp doit être %2Ftriggers%2Fmanual%2Frun',
  'the sig parameter holds characters Workflows signatures never have':
    "le paramètre sig contient des caractères qu'une signature Workflows n'a jamais",
  'unexpected parameter {0}: keep only {1}': 'paramètre inattendu {0} : ne gardez que {1}',

  // mattermost.ts
  'the path must end with /hooks/{id}, as Mattermost gives it': 'le chemin doit se terminer par /hooks/{id}, tel que Mattermost le donne',
  'the webhook id after /hooks/ is missing (copy the whole URL from Mattermost)':
    "l'identifiant du webhook après /hooks/ manque (copiez l'URL complète depuis Mattermost)",
  'the webhook id after /hooks/ is 26 lowercase letters and digits in a Mattermost URL':
    "dans une URL Mattermost, l'identifiant du webhook après /hooks/ compte 26 lettres minuscules et chiffres",

  // rocket-chat.ts
  'the path must end with /hooks/{integration id}/{token}, as Rocket.Chat gives it':
    'le chemin doit se terminer par /hooks/{integration id}/{token}, tel que Rocket.Chat le donne',
  'the integration id after /hooks/ is 17 letters and digits in a Rocket.Chat URL':
    "dans une URL Rocket.Chat, l'identifiant de l'intégration après /hooks/ compte 17 lettres et chiffres",
  'the token holds a "/": keep it written %2F, as Rocket.Chat gives it':
    'le jeton contient un « / » : gardez-le écrit %2F, tel que Rocket.Chat le donne',
  'the token after the integration id is missing (copy the whole URL from Rocket.Chat)':
    "le jeton après l'identifiant de l'intégration manque (copiez l'URL complète depuis Rocket.Chat)",
  'the token holds characters Rocket.Chat tokens never have': "le jeton contient des caractères qu'un jeton Rocket.Chat n'a jamais",

  // discord.ts
  'the path must be /api/webhooks/{id}/{token}, as Discord gives it':
    'le chemin doit être /api/webhooks/{id}/{token}, tel que Discord le donne',
  "remove /{0}: that address takes {1}'s payloads": 'retirez /{0} : cette adresse reçoit les données au format {1}',
  'the webhook id after /webhooks/ is 17 to 20 digits in a Discord URL':
    "dans une URL Discord, l'identifiant du webhook après /webhooks/ compte 17 à 20 chiffres",
  'the token after the webhook id is missing (copy the whole URL from Discord)':
    "le jeton après l'identifiant du webhook manque (copiez l'URL complète depuis Discord)",
  'the token is 60 to 100 letters, digits, - and _ in a Discord URL (copy the whole URL)':
    "dans une URL Discord, le jeton compte 60 à 100 lettres, chiffres, - et _ (copiez l'URL complète)",
  'unexpected parameter {0}: keep only thread_id': 'paramètre inattendu {0} : ne gardez que thread_id',
  'thread_id is one thread id (17 to 20 digits)': 'thread_id est un seul identifiant de fil (17 à 20 chiffres)',

  // zulip.ts
  "the path must be {0} (Zulip's Slack-compatible incoming webhook)":
    'le chemin doit être {0} (le webhook entrant de Zulip compatible avec Slack)',
  "the api_key parameter is missing (the bot's API key, from Zulip's integration URL)":
    "le paramètre api_key manque (la clé d'API du bot, prise dans l'URL d'intégration de Zulip)",
  'the api_key parameter is not a Zulip API key (32 letters and digits)':
    "le paramètre api_key n'est pas une clé d'API Zulip (32 lettres et chiffres)",
  'the stream parameter is missing: without it Zulip writes to the bot owner privately':
    'le paramètre stream manque : sans lui, Zulip écrit en privé au propriétaire du bot',
  'the topic parameter is empty': 'le paramètre topic est vide',
  'unexpected parameter {0}: keep only api_key, stream and topic': 'paramètre inattendu {0} : ne gardez que api_key, stream et topic',

  // ntfy.ts
  'an ntfy topic URL starts with https://': 'une URL de sujet ntfy commence par https://',
  'the URL must be the topic URL, https://{server}/{topic}, with a topic of up to 64 letters, digits, - and _':
    "l'URL doit être celle du sujet, https://{server}/{topic}, avec un sujet de 64 lettres, chiffres, - et _ au plus",
  '"{0}" is a name ntfy keeps for itself, not a topic': '« {0} » est un nom que ntfy se réserve, pas un sujet',
  'the auth parameter is given twice': 'le paramètre auth est donné deux fois',
  "the auth parameter must be ntfy's base64url-encoded Authorization header":
    "le paramètre auth doit être l'en-tête Authorization de ntfy, encodé en base64url",
  'unexpected parameter {0}: keep only auth': 'paramètre inattendu {0} : ne gardez que auth',

  // email.ts: the SMTP server's reply follows
  'the SMTP server refused the credentials of RELAIS_SMTP_URL: {0}': 'le serveur SMTP a refusé les identifiants de RELAIS_SMTP_URL : {0}',
  'the SMTP server asks for credentials: {0}': 'le serveur SMTP demande des identifiants : {0}',

  // sms.ts
  '"{0}" is not a phone number (digits, spaces, + - . and parentheses only)':
    "« {0} » n'est pas un numéro de téléphone (chiffres, espaces, + - . et parenthèses seulement)",
  '"{0}" has {1} digits; a phone number has 6 to 15': '« {0} » a {1} chiffres ; un numéro de téléphone en a de 6 à 15',
  'this is not a URL (it starts with https://)': "ce n'est pas une URL (elle commence par https://)",
  'an SMS gateway URL starts with https:// or http://': 'une URL de passerelle SMS commence par https:// ou http://',
  'put credentials in the parameters table (an Authorization header row, or a parameter), not in the URL':
    "mettez les identifiants dans le tableau des paramètres (une ligne d'en-tête Authorization, ou un paramètre), pas dans l'URL",
  'an SMS gateway URL has no #fragment': "une URL de passerelle SMS n'a pas de #fragment",

  // integrations/webhook-url-controller.ts
  '{0}: {1}: {2}': '{0} : {1} : {2}',
  '{0} (for {1})': '{0} (pour {1})',
  '{0} (for the chosen service)': '{0} (pour le service choisi)',
  'this service': 'ce service',
  'only a {0} is signed: clear it for {1}': 'seul un {0} est signé : videz ce champ pour {1}',
  'a Standard Webhooks secret is whsec_ followed by the base64 of 24 to 64 random bytes (or leave it empty: Relais makes one)':
    'un secret Standard Webhooks est whsec_ suivi du base64 de 24 à 64 octets aléatoires (ou laissez-le vide : Relais en crée un)',
  'only a {0} takes a body template: clear it for {1}': 'seul un {0} accepte un modèle du corps : videz ce champ pour {1}',
  'with a sample message, {0}': "avec un message d'exemple, {0}",

  // integrations/webhook-body.ts
  'the body template does not render: {0}': 'le modèle du corps ne peut pas être rendu : {0}',
  'the body template does not render: {0}; it sees {1}': 'le modèle du corps ne peut pas être rendu : {0} ; il connaît {1}',
  'the body template does not render valid JSON: {0}. Put text in with tojson: {"text": {{ message|tojson }}}':
    'le modèle du corps ne produit pas du JSON valide : {0}. Insérez le texte avec tojson : {"text": {{ message|tojson }}}',
  '{0} (line {1})': '{0} (ligne {1})',
  '{0} (line {1}, column {2})': '{0} (ligne {1}, colonne {2})',

  // integrations/webhook-directory.ts: the System Managers' bell
  '{0} {1} stopped working: its messages wait until it is fixed': '{0} {1} ne fonctionne plus : ses messages attendent sa réparation',

  // integrations/sms-settings.ts
  '{0}: parameters row {1}: {2}: {3}': '{0} : parameters, ligne {1} : {2} : {3}',
  '"{0}" is not an HTTP header name': "« {0} » n'est pas un nom d'en-tête HTTP",
  'a header value cannot hold line breaks or control characters':
    "une valeur d'en-tête ne peut contenir ni saut de ligne ni caractère de contrôle",
  '{0} is a single document: its name is "{1}"': '{0} est un document unique : son nom est « {1} »',
  '{0} is a single document: it cannot be renamed': '{0} est un document unique : il ne peut pas être renommé',
};
