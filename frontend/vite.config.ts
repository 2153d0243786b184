import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The stylesheet (a few kB) goes into index.html as a <style> element instead of a render-blocking request; the
 * shell is revalidated on every visit anyway (Cache-Control: no-cache), so nothing is lost to caching.
 */
function inlineCss(): Plugin {
  return {
    name: 'conduit-inline-css',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        for (const [name, chunk] of Object.entries(ctx.bundle)) {
          if (chunk.type !== 'asset' || !name.endsWith('.css')) continue;
          const link = new RegExp(`<link rel="stylesheet"[^>]*href="/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
          if (!link.test(html)) continue;
          html = html.replace(link, () => `<style>${String(chunk.source)}</style>`);
          delete ctx.bundle[name];
        }
        return html;
      },
    },
  };
}

// `npm run dev` proxies /api to a gateway (default :8080; override with API_TARGET).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [inlineCss()],
  server: {
    proxy: { '/api': process.env.API_TARGET ?? 'http://127.0.0.1:8080' },
  },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for server components; that means nothing here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
