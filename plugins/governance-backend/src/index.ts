/**
 * Governance backend: scheduled evaluation of data products' governance
 * checks, stored scorecards with history, rollups and dry runs.
 *
 * @packageDocumentation
 */
export { governancePlugin as default } from './plugin';
