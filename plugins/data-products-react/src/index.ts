export { WholeWordTable } from './WholeWordTable';
export { formatTime } from './formatTime';
