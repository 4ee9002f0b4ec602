/**
 * The entry of the access proof thread (proof-thread.ts), bundled on its own
 * as `dist/proof-thread.js` (scripts/build.cjs).
 */
import { workerData } from 'node:worker_threads';
import { runProofThread } from './proof-thread';

runProofThread(workerData);
