// Shared with the other data-product backends, whose routers answer an
// unavailable store the same way.
export {
  isRefusedByDatabase,
  isStatementCancelled,
  isStoreUnavailable,
} from '@meshwork/plugin-data-products-node';
