export { WholeWordTable } from './WholeWordTable';
export { cardTitleAsHeading } from './cardTitleAsHeading';
export { useErrorTextStyles } from './useErrorTextStyles';
