/** States that end a run. */
export const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);
/** End states of a run that did not complete. */
export const FAILED = new Set(['FAIL', 'ABORT']);
