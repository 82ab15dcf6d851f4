/** Build id compiled in by vite.config.ts; compared with the server's heartbeat `build`. */
declare const __BUILD_ID__: string;
