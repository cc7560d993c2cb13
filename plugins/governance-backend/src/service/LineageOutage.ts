import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Scheduled passes while the lineage backend fails: a pass that needs
 * findings LineageFindings has none of (for a product it never measured
 * since start-up) stores nothing for that product, so its scorecard stays
 * as it was (scored with its runtime checks unknown, a product failing one
 * would rise a level). An outage is logged once, until a pass reaches
 * lineage again: one scored with findings standing in does not.
 */
export class LineageOutage {
  private down = false;

  constructor(private readonly logger: LoggerService) {}

  /** `pass` answers whether it asked lineage. */
  keepScorecards(pass: () => Promise<boolean>): () => Promise<void> {
    return async () => {
      let askedLineage: boolean;
      try {
        askedLineage = await pass();
      } catch (error) {
        if ((error as Error)?.name !== 'ServiceUnavailableError') throw error;
        if (!this.down) {
          this.down = true;
          this.logger.warn(
            `${
              (error as Error).message
            }: scorecards are kept as they were until it answers`,
          );
        }
        return;
      }
      if (askedLineage) this.down = false;
    };
  }
}
