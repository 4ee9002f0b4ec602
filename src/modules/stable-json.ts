/** The deep copy with cdktf's key order: one stable JSON for every renderer, in `src/render/stable-json.ts`. */
export { stableCopy } from '../render/stable-json';
