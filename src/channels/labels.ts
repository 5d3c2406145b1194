import type { Language } from './channel-types.ts';

/** The words Relais adds to chat messages, in the site language (Dokos's English labels kept). */
export const LABELS: Record<Language, { documentLink: string; goToDocument: string; openDocument: string; truncated: string }> = {
  en: {
    documentLink: 'Document link',
    goToDocument: 'Go to the document',
    openDocument: 'Open document',
    truncated: '… (message truncated)',
  },
  fr: {
    documentLink: 'Lien vers le document',
    goToDocument: 'Voir le document',
    openDocument: 'Ouvrir le document',
    truncated: '… (message tronqué)',
  },
};
