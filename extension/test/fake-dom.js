// A tiny DOM (nodes, text, attributes, ranges) so lib/textmap.js can be tested in node.

class FakeNode {
  constructor(doc) { this.ownerDocument = doc; this.parentNode = null; this.childNodes = []; }
  get firstChild() { return this.childNodes[0] ?? null; }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  contains(other) {
    for (let n = other; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
}

class FakeText extends FakeNode {
  constructor(doc, data) { super(doc); this.nodeType = 3; this.nodeName = "#text"; this.data = data; }
}

class FakeElement extends FakeNode {
  constructor(doc, tag, attrs = {}) {
    super(doc);
    this.nodeType = 1;
    this.nodeName = tag.toUpperCase();
    this.attrs = { ...attrs };
    this.style = { display: attrs.style === "display:none" ? "none" : "" };
  }
  getAttribute(name) { return name in this.attrs ? String(this.attrs[name]) : null; }
  hasAttribute(name) { return name in this.attrs; }
  append(...nodes) { for (const n of nodes) { n.parentNode = this; this.childNodes.push(n); } }
}

/** h("div", {attrs}, ...children): strings become text nodes. */
export function makeDoc() {
  const doc = {
    createRange() {
      return {
        setStart(node, offset) { this.startContainer = node; this.startOffset = offset; },
        setEnd(node, offset) { this.endContainer = node; this.endOffset = offset; },
      };
    },
  };
  const h = (tag, attrs = {}, ...children) => {
    const el = new FakeElement(doc, tag, attrs);
    el.append(...children.map((c) => (typeof c === "string" ? new FakeText(doc, c) : c)));
    return el;
  };
  return { doc, h };
}
