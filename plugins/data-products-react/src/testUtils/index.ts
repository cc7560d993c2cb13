/**
 * Test helpers for Meshwork's frontend plugins.
 *
 * @packageDocumentation
 */
export { EntityPageSwitching } from './EntityPageSwitching';
export { releasable } from './releasable';
export { narrowScreen } from './narrowScreen';
export { contrastOf } from './contrastOf';
export { inAppTheme } from './inAppTheme';
