/**
 * `npm run conformance`: runs the official MCP conformance suite's server scenarios against the demo (see suite.ts)
 * and exits with the suite's code: non-zero on any failure that expected-failures.yaml does not list.
 */
import { runConformance } from './suite.js';

const { code } = await runConformance();
process.exit(code);
