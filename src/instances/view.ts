/**
 * What a tool may know about the instance it is bound to: built once with the instance's runtime
 * (registry.ts), read by the tools and the MCP layer above.
 */
import type { Platform, Product } from '../config/schema.js';

/** The instance as tools see it: names and settings, never credentials or allow-lists. */
export interface InstanceView {
  name: string;
  product: Product;
  platform: Platform;
  url: string;
  isDefault: boolean;
  readOnly: boolean;
  description?: string;
  /** Largest attachment a tool may return or upload. */
  attachmentMaxBytes: number;
}
