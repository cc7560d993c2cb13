/**
 * A product's measured SLOs, over all its output ports, in a word: one item
 * of `GET /products/slo-status`, with its `entityRef`.
 */
export type ProductSloStatus = {
  /**
   * Breaching when any measured SLO is breached (for freshness: stale now, or
   * fresh less often than its objective over the window); ok when all
   * measured ones are met.
   */
  status: 'ok' | 'breaching' | 'unknown';
  /**
   * The SLOs breached, on any output port: `freshness objective` for data
   * fresh now but not often enough over the window.
   */
  breaching: string[];
  /**
   * Output ports no OpenLineage event mentions yet, whose SLOs are not in
   * the status: "ok" says nothing about them.
   */
  unobserved: string[];
  /**
   * SLOs a seen port declares that could not be judged (`volume of
   * refunds`: its latest write counted no rows, say), which ok says nothing
   * about either.
   */
  unjudged: string[];
};
