/**
 * Markdown → HTML for article bodies. The output goes into the page as HTML, so it must be safe:
 * raw HTML in the source is escaped (html: false), and links and images keep only http(s), mailto
 * and scheme-less (relative) URLs, so javascript:, vbscript:, data: and the like never survive.
 */
import MarkdownIt from 'markdown-it';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** markdown-it calls this with the normalized (entity-decoded, percent-encoded) URL. */
export function isSafeUrl(url: string): boolean {
  const scheme = SCHEME.exec(url.trim());
  return scheme === null || ALLOWED_SCHEMES.has(scheme[1].toLowerCase());
}

const md = new MarkdownIt({ html: false, linkify: true });
md.validateLink = isSafeUrl;

export function renderMarkdown(source: string): string {
  return md.render(source);
}
