export { WholeWordTable } from './WholeWordTable';
