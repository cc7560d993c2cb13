export { readableDataProductRefs } from './readableDataProductRefs';
export { requireJsonBody } from './requireJsonBody';
export { jsonBody } from './jsonBody';
export { migrateLatestExclusively } from './migrateLatestExclusively';
