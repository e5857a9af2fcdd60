/**
 * Caller input the gateway refuses before asking Atlassian anything: conflicting or missing arguments, a query
 * that could escape an allow-list, a path segment that would climb out of its endpoint. Defined at the
 * Atlassian layer because query composition and URL building refuse input there; tools re-export it.
 */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
