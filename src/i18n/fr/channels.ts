/** French for the sentences of src/channels/ and src/integrations/ (keys: the English `tr` templates). */
export const channelsFr: Record<string, string> = {};
