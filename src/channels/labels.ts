import type { Language } from './channel-types.ts';

/** The words Relais adds to chat messages, in the site language (Dokos's English labels kept). */
export const LABELS: Record<
  Language,
  {
    documentLink: string;
    goToDocument: string;
    openDocument: string;
    /** Slack's attachment fallback (Dokos's words); `{0}` is the document's URL. */
    seeDocumentAt: string;
    truncated: string;
  }
> = {
  en: {
    documentLink: 'Document link',
    goToDocument: 'Go to the document',
    openDocument: 'Open document',
    seeDocumentAt: 'See the document at {0}',
    truncated: '… (message truncated)',
  },
  fr: {
    documentLink: 'Lien vers le document',
    goToDocument: 'Voir le document',
    openDocument: 'Ouvrir le document',
    seeDocumentAt: 'Voir le document : {0}',
    truncated: '… (message tronqué)',
  },
};
