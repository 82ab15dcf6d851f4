/** Svelte compiler options shared by Vite, svelte-check and the ESLint plugin: runes only. */
export default {
  compilerOptions: { runes: true },
};
