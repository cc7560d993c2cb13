export { BlastRadiusList } from './BlastRadiusList';
