import sanitizeHtml from "sanitize-html";

/**
 * Mail HTML as officers may see it (CH-6): no script, no forms, no remote content of any kind — an image
 * or a stylesheet from the sender's server would tell them the mail was opened. Links keep their words but
 * lose their targets, so none is followed by a click made by mistake. The page also sends a CSP that forbids any
 * load, in case a construct slips through.
 */
export function sanitiseMailHtml(htmlText: string): string {
  return sanitizeHtml(htmlText, {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "a" && tag !== "img"),
    allowedAttributes: { td: ["colspan", "rowspan"], th: ["colspan", "rowspan", "scope"] },
    allowedSchemes: [],
    disallowedTagsMode: "discard",
    exclusiveFilter: (frame) => frame.tag === "img",
    // A link keeps its words and loses its target.
    transformTags: { a: () => ({ tagName: "span", attribs: {} }) },
    nonTextTags: ["style", "script", "textarea", "option", "noscript", "title", "head"],
  });
}
