import { defineConfig } from 'vitest/config';

// `npm run dev` proxies /api to a gateway (default :8080; override with API_TARGET).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
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
