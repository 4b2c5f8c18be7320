// The one list of webmail hosts the extension runs on (per site) and the loopback hosts of the demo pages.
// manifest.json cannot import it: extension/test/lib-sites.test.js keeps the manifest's match lists equal to it.

export const SITES = {
  gmail: ["mail.google.com"],
  outlook: ["outlook.office.com", "outlook.office365.com", "outlook.live.com"],
};

/** Every webmail host, all sites together. */
export const SITE_HOSTS = Object.values(SITES).flat();

/** Hosts where `tactful serve --demo` serves the demo pages. */
export const DEMO_HOSTS = ["127.0.0.1", "localhost"];

/** The manifest's content_scripts match patterns this list stands for. */
export function contentMatches() {
  return [...SITE_HOSTS.map((h) => `https://${h}/*`), ...DEMO_HOSTS.map((h) => `http://${h}/demo/*`)];
}
