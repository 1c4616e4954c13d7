// A worker thread's entry: tsx's loader registered in the main thread is not inherited by worker
// threads on Node 20, so each worker registers it before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
