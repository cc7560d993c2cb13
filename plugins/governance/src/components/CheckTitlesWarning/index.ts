export { CheckTitlesWarning } from './CheckTitlesWarning';
