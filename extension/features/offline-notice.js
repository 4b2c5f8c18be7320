// A discreet notice when the service cannot be used; it never blocks sending.

import { el, fill, t } from "./ui.js";

export const NOTICE_CSS = `
.notice { margin-top: 6px; padding: 6px 8px; border-radius: 6px; background: #fef7e0; color: #5c3c00;
  font-size: 12px; }
.notice[hidden] { display: none; }
.notice code { font-family: ui-monospace, monospace; background: #fff3c4; padding: 0 3px; border-radius: 3px; }
`;

/** The notice element (hidden until shown): show("offline"|"unauthorized") or hide(). */
export function createOfflineNotice(doc = document) {
  const node = el("div", { class: "notice", "data-tactful": "offline", role: "status", hidden: true }, [], doc);
  return {
    node,
    show(kind) {
      if (kind === "unauthorized") {
        fill(node, [t("offline_token"), " ", t("offline_options_hint")]);
      } else {
        fill(node, [t("offline_unreachable"), " ", t("offline_start_hint"), " ", el("code", {}, ["tactful serve"], doc),
          ". ", t("offline_options_hint")]);
      }
      node.dataset.kind = kind;
      node.hidden = false;
    },
    hide() { node.hidden = true; },
    get visible() { return !node.hidden; },
  };
}
