import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

export type DataProductCacheOptions = {
  /** Reads every data product from the catalog. */
  load: () => Promise<DataProductEntityV1alpha1[]>;
  logger: LoggerService;
  /** How long a list is served without asking the catalog again. */
  freshMs: number;
  /**
   * How old a list may still be served while the catalog cannot be read;
   * past that, requests wait for the catalog and fail with it.
   */
  maxStaleMs: number;
  /** How long a read may take before it counts as failed. */
  timeoutMs: number;
  now?: () => number;
};

type Loaded = { at: number; products: DataProductEntityV1alpha1[] };

/**
 * The catalog's data products as the lineage routes see them. Products
 * change rarely, so a list is reused for a short while, then served while
 * a newer one is read in the background: no request waits for the catalog
 * once a list is known, and a catalog that is briefly down or slow does not
 * take product lineage and SLOs down with it. One read at a time is made,
 * whatever the number of requests.
 */
export class DataProductCache {
  private loaded: Loaded | undefined;
  private loading: Promise<Loaded> | undefined;
  /** Whether a failing catalog was logged, so that it is logged once. */
  private warned = false;
  /** After a failed read, none is started in the background before then. */
  private retryAt = 0;

  constructor(private readonly options: DataProductCacheOptions) {}

  async products(): Promise<DataProductEntityV1alpha1[]> {
    const age = this.loaded ? this.now() - this.loaded.at : Infinity;
    if (this.loaded && age <= this.options.freshMs) {
      return this.loaded.products;
    }
    if (this.loaded && age <= this.options.maxStaleMs) {
      if (this.now() >= this.retryAt) {
        // The failure, if any, is logged by `load`; this list still serves.
        this.load().catch(() => undefined);
      }
      return this.loaded.products;
    }
    try {
      return (await this.load()).products;
    } catch (error) {
      // The catalog failing is not the caller's mistake, whatever status it
      // answered.
      throw new ServiceUnavailableError(
        `Data products could not be loaded from the catalog: ${error}`,
      );
    }
  }

  private load(): Promise<Loaded> {
    // Started now; should `load` throw rather than reject, it fails alike.
    // A catalog that does not answer fails too, rather than hold requests.
    let timer: NodeJS.Timeout | undefined;
    this.loading ??= Promise.race([
      new Promise<DataProductEntityV1alpha1[]>(resolve =>
        resolve(this.options.load()),
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the catalog did not answer within ${this.options.timeoutMs} ms`,
              ),
            ),
          this.options.timeoutMs,
        );
        timer.unref();
      }),
    ])
      .then(
        products => {
          if (this.warned) {
            this.options.logger.info(
              'Data products are read from the catalog again',
            );
          }
          this.warned = false;
          this.loaded = { at: this.now(), products };
          return this.loaded;
        },
        error => {
          const servable =
            this.loaded &&
            this.now() - this.loaded.at <= this.options.maxStaleMs;
          // Past that, the request itself fails and says why.
          if (servable && !this.warned) {
            this.warned = true;
            this.options.logger.warn(
              `Data products could not be read from the catalog; serving the list read at ${new Date(
                this.loaded!.at,
              ).toISOString()} meanwhile: ${error}`,
            );
          }
          this.retryAt = this.now() + this.options.freshMs;
          throw error;
        },
      )
      .finally(() => {
        clearTimeout(timer);
        this.loading = undefined;
      });
    return this.loading;
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}
