export { EntityLineageContent } from './EntityLineageContent';
