export { readableDataProductRefs } from './readableDataProductRefs';
