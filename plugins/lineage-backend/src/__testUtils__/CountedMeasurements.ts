import { ProductMeasurements } from '../store/ProductMeasurements';

/**
 * The real measurements, counting the reads of dataset ids (one per pass
 * over the products), and failing the next such read, or holding it until
 * a promise settles, when told to.
 */
export class CountedMeasurements extends ProductMeasurements {
  datasetIdReads = 0;
  failNext = false;
  holdNext?: Promise<void>;
  /** Which read `holdNext` holds, counting from 1; the next one else. */
  holdRead?: number;

  async datasetIds(
    datasets: Array<{ namespace: string; name: string }>,
    named?: Map<string, number[]>,
  ) {
    this.datasetIdReads += 1;
    if (this.holdRead === undefined || this.holdRead === this.datasetIdReads) {
      const hold = this.holdNext;
      this.holdNext = undefined;
      await hold;
    }
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    return super.datasetIds(datasets, named);
  }
}
