/** The site's name (RELAIS_SITE_NAME), which Relais writes into index.html. */
export const siteName: string = document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content || 'Relais';

/** Sets the browser tab's title: the page, then the site. */
export function setPageTitle(page: string): void {
  document.title = page ? `${page} · ${siteName}` : siteName;
}
