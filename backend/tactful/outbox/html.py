"""The HTML body of a scheduled message: sanitized with nh3 (what a mail client may render, nothing that runs),
and its plain-text alternative when only HTML was given."""

from __future__ import annotations

# What webmail composers write (Gmail and Outlook: divs, spans and fonts with inline styles, lists,
# quotes, tables for signatures, links, images) and nothing that runs or loads a page of its own.
TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup",
    "dd", "del", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
}
ATTRIBUTES = {
    "*": {"style", "class", "dir", "lang", "title", "align", "valign", "width", "height"},
    "a": {"href", "name"},
    "img": {"src", "alt", "border"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing", "bgcolor"},
    "td": {"colspan", "rowspan", "bgcolor"},
    "th": {"colspan", "rowspan", "bgcolor"},
    "ol": {"start", "type"},
    "blockquote": {"type"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "cid"}
STYLE_PROPERTIES = {
    "background", "background-color", "border", "border-bottom", "border-collapse", "border-color", "border-left",
    "border-right", "border-style", "border-top", "border-width", "color", "direction", "display", "font",
    "font-family", "font-size", "font-style", "font-variant", "font-weight", "height", "letter-spacing",
    "line-height", "list-style", "list-style-type", "margin", "margin-bottom", "margin-left", "margin-right",
    "margin-top", "max-width", "min-width", "padding", "padding-bottom", "padding-left", "padding-right",
    "padding-top", "text-align", "text-decoration", "text-indent", "text-transform", "vertical-align",
    "white-space", "width", "word-break", "word-spacing",
}
DROPPED_WITH_CONTENT = {"script", "style", "title", "head", "noscript", "template", "iframe", "object", "embed"}


def sanitize(html: str) -> str:
    """The HTML as written, minus everything a mail client must not run or fetch on its own (scripts,
    event handlers, javascript: links, forms, frames, stylesheets)."""
    import nh3

    return nh3.clean(html, tags=TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes=ATTRIBUTES,
                     url_schemes=URL_SCHEMES, filter_style_properties=STYLE_PROPERTIES,
                     link_rel="noopener noreferrer")


def to_text(html: str) -> str:
    """A plain-text rendering of (sanitized) HTML for the text/plain alternative: blocks on their own lines."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)
