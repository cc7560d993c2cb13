export { EntityTitleLinks } from './EntityTitleLinks';
