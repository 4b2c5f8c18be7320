// Interface strings for the extension's pages: fill [data-i18n] elements and the document language.

/** One string from _locales (the key itself when missing, so a gap is visible). */
export function t(key, substitutions) {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** Put the translated text into every [data-i18n] element under root. */
export function localize(root = document) {
  document.documentElement.lang = chrome.i18n.getUILanguage();
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
}

/** Ask the background, in this page's interface language; a failure comes back as {ok:false, error}. */
export async function ask(msg) {
  try {
    return (await chrome.runtime.sendMessage({ ...msg, lang: chrome.i18n.getUILanguage() })) || { ok: false, error: { code: "offline", message: "no reply" } };
  } catch (err) {
    return { ok: false, offline: true, error: { code: "offline", message: String(err?.message || err) } };
  }
}
