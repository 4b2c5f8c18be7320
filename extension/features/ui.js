// Small DOM helpers shared by the features: elements from data (textContent only), shadow hosts, strings.

/** An element with attributes, properties in `props`, and children (strings become text nodes). */
export function el(tag, attrs = {}, children = [], doc = document) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? doc.createTextNode(child) : child);
  }
  return node;
}

/** A host element with an open shadow root holding css; returns {host, root}. */
export function shadowHost(tag, attrs, css, doc = document) {
  const host = el(tag, attrs, [], doc);
  const root = host.attachShadow({ mode: "open" });
  addStyles(root, css, doc);
  return { host, root };
}

// Constructed sheets are not subject to the page's style-src CSP; a <style> element is the fallback.
function addStyles(root, css, doc) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement("style");
    style.textContent = css;
    root.append(style);
  }
}

/** An interface string from _locales (the key itself if missing, so a gap is visible, never blank). */
export function t(key, substitutions) {
  try {
    return chrome.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}

/** The browser's interface language (es/pl/en source tag). */
export function uiTag() {
  try {
    return chrome.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

/** Replace an element's children. */
export function fill(node, children) {
  node.replaceChildren(...[].concat(children).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (typeof c === "string" ? node.ownerDocument.createTextNode(c) : c)));
}
