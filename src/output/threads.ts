/**
 * `node:worker_threads`, loaded when a thread is started: loading it takes about 1.2 ms, which a
 * small synth (no writer thread, no proof thread) would otherwise pay at startup for nothing.
 */
export function workerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}
