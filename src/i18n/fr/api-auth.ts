/** French for the sentences of src/api/ and src/auth/ (keys: the English `tr` templates). */
export const apiAuthFr: Record<string, string> = {};
