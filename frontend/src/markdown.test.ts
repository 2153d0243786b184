import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isSafeUrl, renderMarkdown } from './markdown';

/** Parses the rendered HTML as a browser would and returns its body element. */
function render(source: string): HTMLElement {
  return new JSDOM(`<body>${renderMarkdown(source)}</body>`).window.document.body;
}

/** Every way the rendered HTML could run script: elements, on* attributes, script URLs. */
function scriptVectors(body: HTMLElement): string[] {
  const found: string[] = [];
  for (const el of Array.from(body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'style', 'svg', 'form'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on')) found.push(`${tag}[${attr.name}]`);
      if (['href', 'src'].includes(attr.name) && !isSafeUrl(attr.value)) found.push(`${tag}[${attr.name}=${attr.value}]`);
    }
  }
  return found;
}

describe('renderMarkdown: normal markdown', () => {
  it('renders headings, emphasis, lists, code and links', () => {
    const body = render('# Title\n\nSome *em* and **strong** text.\n\n- one\n- two\n\n`code` [site](https://example.com/a?b=1)');
    // The page's h1 is the article's title: the body's headings start at h2.
    expect(body.querySelector('h1')).toBeNull();
    expect(body.querySelector('h2')?.textContent).toBe('Title');
    // The body's top level becomes h2 whatever it was; deeper levels keep their distance to it.
    const nested = render('## Top\n\n### Below\n\n###### Deepest');
    expect([...nested.querySelectorAll('h2, h3, h6')].map((h) => `${h.tagName}:${h.textContent}`)).toEqual([
      'H2:Top',
      'H3:Below',
      'H6:Deepest',
    ]);
    expect(body.querySelector('em')?.textContent).toBe('em');
    expect(body.querySelector('strong')?.textContent).toBe('strong');
    expect(body.querySelectorAll('li')).toHaveLength(2);
    expect(body.querySelector('code')?.textContent).toBe('code');
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://example.com/a?b=1');
  });

  it('lets wide tables and code blocks scroll by keyboard', () => {
    const body = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n    indented');
    const wrapper = body.querySelector('div.table-scroll');
    expect(wrapper?.getAttribute('tabindex')).toBe('0');
    expect(wrapper?.querySelector('table td')?.textContent).toBe('1');
    expect([...body.querySelectorAll('pre')].map((pre) => pre.getAttribute('tabindex'))).toEqual(['0', '0']);
  });

  it('keeps relative, anchor and mailto links and http images', () => {
    const body = render('[rel](/article/x) [top](#top) [mail](mailto:a@b.c) ![pic](https://example.com/p.png)');
    expect(Array.from(body.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
      '/article/x',
      '#top',
      'mailto:a@b.c',
    ]);
    expect(body.querySelector('img')?.getAttribute('src')).toBe('https://example.com/p.png');
  });

  it('renders fenced code blocks with their content escaped', () => {
    const body = render('```html\n<script>alert(1)</script>\n```');
    expect(body.querySelector('pre code')?.textContent).toBe('<script>alert(1)</script>\n');
    expect(scriptVectors(body)).toEqual([]);
  });
});

describe('renderMarkdown: hostile input is neutralised', () => {
  it('escapes script tags into visible text', () => {
    const body = render('<script>window.__xss=1</script>');
    expect(body.querySelector('script')).toBeNull();
    expect(body.textContent).toContain('<script>window.__xss=1</script>');
  });

  it('escapes an <img onerror> so no element or handler is created', () => {
    const body = render('<img src=x onerror="window.__xss=1">');
    expect(body.querySelector('img')).toBeNull();
    expect(scriptVectors(body)).toEqual([]);
    expect(body.textContent).toContain('onerror=');
  });

  it('escapes raw HTML blocks and inline HTML', () => {
    const body = render('<div onclick="x()">block</div>\n\ntext <b onmouseover="x()">bold</b> <iframe src="javascript:x()"></iframe>');
    expect(body.querySelector('div, b, iframe')).toBeNull();
    expect(scriptVectors(body)).toEqual([]);
  });

  it.each([
    '[x](javascript:window.__xss=1)',
    '[x](JaVaScRiPt:window.__xss=1)',
    '[x](  javascript:alert(1))',
    '[x](jav&#x61;script:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java\\script:alert(1))',
    '[x](<javascript:alert(1)>)',
    '<javascript:alert(1)>',
    '[x][ref]\n\n[ref]: javascript:alert(1)',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '![x](javascript:alert(1))',
    '[x](file:///etc/passwd)',
  ])('drops the unsafe URL in %s', (source) => {
    const body = render(source);
    expect(scriptVectors(body)).toEqual([]);
    for (const el of Array.from(body.querySelectorAll('a, img'))) {
      // Resolve the URL as the browser would: whatever is left must stay on http(s).
      const url = new URL(el.getAttribute('href') ?? el.getAttribute('src') ?? '', 'https://conduit.test/a/');
      expect(['http:', 'https:']).toContain(url.protocol);
    }
  });

  it('neutralises every vector of a mixed hostile article', () => {
    const body = render(
      'Hello\n\n<script>window.__xss=1</script>\n\n<img src=x onerror="window.__xss=1">\n\n[x](javascript:window.__xss=1)\n\n<a href="javascript:alert(1)">a</a>',
    );
    expect(scriptVectors(body)).toEqual([]);
    expect(body.querySelector('a')).toBeNull();
    expect(body.querySelector('p')?.textContent).toBe('Hello');
  });
});

describe('isSafeUrl', () => {
  it('allows http(s), mailto and scheme-less URLs only', () => {
    expect(['https://a.b', 'http://a.b', 'mailto:a@b', '/x', 'x/y:z', '#frag', '?q=1'].every(isSafeUrl)).toBe(true);
    expect(['javascript:x', ' JAVASCRIPT:x', 'vbscript:x', 'data:text/html,x', 'ftp://a'].some(isSafeUrl)).toBe(false);
  });
});
