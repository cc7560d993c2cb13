export { OnCallFinder } from './OnCallFinder';
