/**
 * The entry of the account writer thread (account-worker.ts), bundled on its
 * own as `dist/account-worker.js` (scripts/build.cjs).
 */
import { workerData } from 'node:worker_threads';
import { runAccountWorker } from './account-worker';

runAccountWorker(workerData);
