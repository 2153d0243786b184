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

// The article's title is the page's only h1: the body's top heading level becomes h2 and the others follow it
// (a body whose headings start at ## gets h2 for them, not h3), never deeper than h6.
md.core.ruler.push('demote_headings', (state) => {
  const headings = state.tokens.filter((t) => t.type === 'heading_open' || t.type === 'heading_close');
  if (headings.length === 0) return;
  const top = Math.min(...headings.map((t) => Number(t.tag.slice(1))));
  for (const token of headings) {
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) - top + 2)}`;
  }
});

// Wide tables and code blocks scroll inside themselves (never the page); keyboard users can scroll them too.
md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0" role="region" aria-label="Table">\n<table>\n';
md.renderer.rules.table_close = () => '</table>\n</div>\n';
for (const rule of ['fence', 'code_block'] as const) {
  const render = md.renderer.rules[rule]!;
  md.renderer.rules[rule] = (...args) => render(...args).replace(/^<pre/, '<pre tabindex="0"');
}

export function renderMarkdown(source: string): string {
  return md.render(source);
}
