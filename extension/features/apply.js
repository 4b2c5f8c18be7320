// Change the draft the way the user's own typing would, so the webmail sees an ordinary edit and Ctrl+Z undoes it.

/** Replace the text under range with text in the editable body. */
export function replaceRange(body, range, text) {
  const doc = body.ownerDocument;
  body.focus({ preventScroll: true });
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  let done = false;
  try {
    done = doc.execCommand("insertText", false, text);
  } catch {
    done = false;
  }
  if (!done) insertByEvents(body, selection.getRangeAt(0), text);
}

/** Insert text at the very start of the body (e.g. a call invitation above the draft). */
export function insertAtStart(body, text) {
  const range = body.ownerDocument.createRange();
  const first = firstTextPosition(body);
  if (first) range.setStart(first, 0); else range.setStart(body, 0);
  range.collapse(true);
  replaceRange(body, range, text);
}

function firstTextPosition(body) {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  return walker.nextNode();
}

// Fallback when execCommand is unavailable: announce the edit, make it, report it.
function insertByEvents(body, range, text) {
  const init = { inputType: "insertText", data: text, bubbles: true, cancelable: true, composed: true };
  if (!body.dispatchEvent(new InputEvent("beforeinput", init))) return;
  range.deleteContents();
  const node = body.ownerDocument.createTextNode(text);
  range.insertNode(node);
  const selection = body.ownerDocument.getSelection();
  const after = body.ownerDocument.createRange();
  after.setStartAfter(node);
  after.collapse(true);
  selection.removeAllRanges();
  selection.addRange(after);
  body.dispatchEvent(new InputEvent("input", { ...init, cancelable: false }));
}
