import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * One id per build: compiled into the bundle as `__BUILD_ID__` and written to `dist/build.json`,
 * which the server sends in every heartbeat. A screen whose own id differs reloads itself, so a
 * wall screen left on for weeks picks up a new dashboard without anyone touching it.
 */
const buildId =
  process.env.BUILD_ID ??
  `${new Date().toISOString().slice(0, 19)}-${Math.random().toString(36).slice(2, 8)}`;

function buildInfo(): Plugin {
  return {
    name: 'region-score-build-info',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'build.json',
        source: `${JSON.stringify({ build: buildId })}\n`,
      });
    },
  };
}

const backend = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig(({ command }) => ({
  plugins: [svelte(), buildInfo()],
  define: {
    // The dev server never reloads on heartbeats: its id is 'dev'.
    __BUILD_ID__: JSON.stringify(command === 'build' ? buildId : 'dev'),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
}));
