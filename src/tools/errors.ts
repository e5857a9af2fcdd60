/** A problem with how a tool was called that Atlassian was not asked about (conflicting or missing arguments). */
export { ToolInputError } from '../atlassian/input-error.js';
