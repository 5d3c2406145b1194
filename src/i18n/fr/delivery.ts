/** French for the sentences of src/delivery/ (keys: the English `tr` templates). */
export const deliveryFr: Record<string, string> = {};
