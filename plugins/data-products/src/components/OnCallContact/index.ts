export { OnCallContact } from './OnCallContact';
