import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Scheduled passes while the lineage backend fails: a pass that needs it
 * stores nothing, so scorecards stay as they were (scored with their runtime
 * checks unknown, a product failing one would rise a level). An outage is
 * logged once, until a pass succeeds.
 */
export class LineageOutage {
  private down = false;

  constructor(private readonly logger: LoggerService) {}

  keepScorecards(pass: () => Promise<void>): () => Promise<void> {
    return async () => {
      try {
        await pass();
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
      this.down = false;
    };
  }
}
