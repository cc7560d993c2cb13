import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

/**
 * `read`, kept for the product list it read: read again only for a new
 * list (the product cache reads one every 15 s or so). A failed read is
 * not kept.
 */
export function readPerProductList<T>(
  read: (products: DataProductEntityV1alpha1[]) => Promise<T>,
): (products: DataProductEntityV1alpha1[]) => Promise<T> {
  let last:
    | { products: DataProductEntityV1alpha1[]; value: Promise<T> }
    | undefined;
  return products => {
    if (last?.products !== products) {
      const current = { products, value: read(products) };
      last = current;
      current.value.catch(() => {
        if (last === current) last = undefined;
      });
    }
    return last.value;
  };
}
