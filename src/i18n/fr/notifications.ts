/** French for the sentences of src/notifications/ and src/templates/ (keys: the English `tr` templates). */
export const notificationsFr: Record<string, string> = {};
