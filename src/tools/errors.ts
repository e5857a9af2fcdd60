/** A problem with how a tool was called that Atlassian was not asked about (conflicting or missing arguments). */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
