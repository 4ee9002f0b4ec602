/**
 * The parts of the CLI's bundle a run may never load: the spec's schemas (zod),
 * the yaml package and the cdktf app. The CLI's launcher (src/cli/code-cache.ts)
 * listens on {@link LATE_CODE}: a code cache made by a run that skipped them (a
 * synth of the embedded example) lacks their compiled code, so the first run
 * that loads them leaves a second cache that holds it, which later runs use.
 * Outside the CLI (the library, the tests) nothing listens.
 */
export const LATE_CODE: unique symbol = Symbol.for('cross-account-iam.late-code');

/** Says that a part of the bundle a run may skip is loading now. */
export function lateCode(): void {
  (globalThis as { [LATE_CODE]?: () => void })[LATE_CODE]?.();
}

/** `load()` on first call, said with {@link lateCode}; its result from then on. */
export function lateLoader<T>(load: () => T): () => T {
  let loaded: { readonly value: T } | undefined;
  return () => {
    if (loaded === undefined) {
      lateCode();
      loaded = { value: load() };
    }
    return loaded.value;
  };
}
