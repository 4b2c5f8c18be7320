// "Who is this for?": when the recipients can't be read, or match no client, the panel says so plainly and
// offers a quick client picker. The choice applies to this compose and can be remembered by the service for
// the addresses and names seen, so the next message to them matches at once.

import { el, fill, t } from "./ui.js";

export const PICKER_CSS = `
.who { margin-top: 6px; padding: 6px 8px; border-radius: 6px; background: #fff8e1; color: #3c3000; font-size: 12px; }
.who[hidden] { display: none; }
.who p { margin: 0 0 4px; }
.who button { font: inherit; padding: 3px 10px; border-radius: 6px; border: 1px solid #b28900; background: #fff;
  color: #5c4300; cursor: pointer; margin-right: 6px; }
.who button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
.who select { font: inherit; margin: 0 6px 0 4px; max-width: 220px; }
.who label { display: inline-flex; gap: 4px; align-items: center; margin: 4px 8px 4px 0; }
.who .error { color: #a50e0e; }
`;

/** The readable list of what was seen ("ana@acme.com, Ana Ruiz"), at most four, for the sentences. */
function seenText(read) {
  const all = [...read.recipients, ...read.names];
  return all.length > 4 ? `${all.slice(0, 4).join(", ")}…` : all.join(", ");
}

export const clientPickerFeature = {
  name: "client-picker",
  needs: ["panel"],
  start(ctx) {
    const { panel } = ctx.feature("panel");
    const doc = ctx.compose.root.ownerDocument;
    const box = el("div", { class: "who", "data-tactful": "who", hidden: true }, [], doc);
    panel.addSection(box);
    let chosenName = "";
    let last = null;

    function show(children) {
      fill(box, children);
      box.hidden = false;
    }

    function render({ analysis, read }) {
      last = { analysis, read };
      if (box.dataset.open === "true") return;
      const cards = analysis.etiquette || [];
      if (ctx.state.clientId) {
        const name = cards.find((c) => c.client_id === ctx.state.clientId)?.name || chosenName || ctx.state.clientId;
        const change = el("button", { type: "button", "data-action": "who-change" }, [t("who_change")], doc);
        change.addEventListener("click", openPicker);
        return show([el("p", {}, [t("who_chosen", [name])], doc), change]);
      }
      if (cards.length) { box.hidden = true; box.replaceChildren(); return undefined; }
      const seen = seenText(read);
      const ask = el("button", { type: "button", "data-action": "who-open" }, [t("who_button")], doc);
      ask.addEventListener("click", openPicker);
      return show([el("p", { "data-reason": seen ? "nomatch" : "unread" },
        [seen ? t("who_nomatch", [seen]) : t("who_unread")], doc), ask]);
    }

    async function openPicker() {
      box.dataset.open = "true";
      show([el("p", {}, [t("status_checking")], doc)]);
      const reply = await ctx.send({ type: "clients.list" });
      if (!reply.ok) return closeWith(el("p", { class: "error" }, [t("who_failed", [reply.error?.message || ""])], doc));
      const clients = reply.data.clients || [];
      if (!clients.length) return closeWith(el("p", {}, [t("who_none")], doc));
      const select = el("select", { "data-tactful": "who-select", "aria-label": t("who_label") }, [
        el("option", { value: "" }, [t("who_choose")], doc),
        ...clients.map((c) => el("option", { value: c.id, selected: c.id === ctx.state.clientId }, [c.name], doc)),
      ], doc);
      const seen = last ? [...last.read.recipients, ...last.read.names] : [];
      const remember = el("input", { type: "checkbox", "data-tactful": "who-remember", disabled: !seen.length }, [], doc);
      const apply = el("button", { type: "button", class: "primary", "data-action": "who-apply" }, [t("who_apply")], doc);
      const cancel = el("button", { type: "button", "data-action": "who-cancel" }, [t("who_cancel")], doc);
      apply.addEventListener("click", () => choose(select.value, clients, remember.checked ? seen : []));
      cancel.addEventListener("click", () => { delete box.dataset.open; if (last) render(last); });
      show([
        el("label", {}, [t("who_label"), select], doc),
        seen.length ? el("label", {}, [remember, t("who_remember", [seenText(last.read)])], doc) : null,
        el("div", {}, [apply, cancel], doc),
      ]);
      select.focus();
      return undefined;
    }

    function closeWith(node) {
      delete box.dataset.open;
      show([node]);
    }

    async function choose(clientId, clients, toRemember) {
      if (!clientId) return;
      delete box.dataset.open;
      ctx.state.clientId = clientId;
      chosenName = clients.find((c) => c.id === clientId)?.name || clientId;
      show([el("p", {}, [t("who_chosen", [chosenName])], doc)]);
      const failures = [];
      for (const recipient of toRemember) {
        const reply = await ctx.send({ type: "choices.remember", recipient, client_id: clientId });
        if (!reply.ok) failures.push(reply.error?.message || recipient);
      }
      if (failures.length) ctx.emit("problem", t("who_remember_failed", [failures[0]]));
      ctx.refresh();
    }

    const off = ctx.on("analysis", render);
    return { stop() { off(); box.remove(); } };
  },
};
