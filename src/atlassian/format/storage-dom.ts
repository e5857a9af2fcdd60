/**
 * How the gateway parses Confluence storage format: HTML with `ac:`/`ri:` elements, CDATA bodies and self-closing
 * tags, whose names keep their case (`ac:structured-macro`, `ri:content-title`). One home for those parser settings,
 * so every reader of storage sees the same tree.
 */
import type { Document } from 'domhandler';
import { formatLibraries } from './libraries.js';

export interface StorageParseOptions {
  /**
   * Decode entities in text (`&amp;` → `&`): on when the text is shown, off when pieces of the original storage
   * are cut out and written back unchanged.
   */
  decodeEntities: boolean;
  /** Keep each node's offsets into the storage string (for cutting sections out of it). */
  withIndices?: boolean;
}

export function parseStorage(storage: string, options: StorageParseOptions): Document {
  return formatLibraries().htmlparser2.parseDocument(storage, {
    xmlMode: false,
    recognizeSelfClosing: true,
    recognizeCDATA: true,
    decodeEntities: options.decodeEntities,
    lowerCaseTags: false,
    lowerCaseAttributeNames: false,
    withStartIndices: options.withIndices ?? false,
    withEndIndices: options.withIndices ?? false,
  });
}
