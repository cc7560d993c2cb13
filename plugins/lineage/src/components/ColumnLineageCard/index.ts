export { ColumnLineageCard } from './ColumnLineageCard';
