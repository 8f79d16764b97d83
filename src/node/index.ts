/**
 * trpo-streams/node: the parts of the public API that read files (Node only); the package root
 * stays browser-safe.
 */
export { loadPolicy, readSavedPolicy } from './loadPolicy.js';
