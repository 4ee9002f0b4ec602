/**
 * The reference for the loader's locators (src/input/json-locator.ts,
 * src/input/yaml-locator.ts): the line of a field path as the parsed YAML
 * document gives it, `Document.getIn(path, true)`, or of the nearest node
 * above it that exists (a missing field is reported at its parent).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Locate } from '../../src/input/load';

/** Lines of a parsed YAML document. */
export function documentLines(doc: Document, lc: LineCounter): Locate {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      try {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
      } catch {
        // A path through an alias or a scalar: try the parent.
      }
    }
    return undefined;
  };
}

/** Lines of YAML (or JSON) text, through its parsed document. */
export function yamlLines(text: string): Locate {
  const lc = new LineCounter();
  return documentLines(parseDocument(text, { lineCounter: lc }), lc);
}
