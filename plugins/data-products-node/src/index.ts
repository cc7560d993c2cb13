export { readableDataProductRefs } from './readableDataProductRefs';
export { requireJsonBody } from './requireJsonBody';
