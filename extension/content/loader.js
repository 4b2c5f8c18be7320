// Classic content script: content scripts cannot be modules, so load the module graph from the extension.
(() => {
  const url = chrome.runtime.getURL("content/main.js");
  import(url).catch((err) => console.warn("Tactful could not start:", err));
})();
