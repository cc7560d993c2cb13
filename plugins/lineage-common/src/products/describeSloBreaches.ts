import { describeSloMeasures } from './describeSloMeasures';
import type { ProductSlo } from './ProductSlo';

/**
 * Each SLO a product breaches, in one line naming the port, the SLO and what
 * was measured against its limit, worded as the SLO card words it:
 * `orders quality: customer_id nullRate 0.05 (must be at most 0.03)`. Data
 * fresh now, but not often enough over the window, breaches its
 * `freshness objective`, as the SLO status names it.
 */
export function describeSloBreaches(slo: ProductSlo): string[] {
  return slo.outputPorts.flatMap(port =>
    describeSloMeasures(port, slo.windowMs)
      .filter(measure => measure.status === 'breached')
      .map(({ slo: name, lastValue, attainment }) => {
        if (name !== 'freshness') return `${port.name} ${name}: ${lastValue}`;
        const missed =
          port.freshness?.attainmentStatus === 'breached' && attainment;
        if (port.freshness?.status !== 'breached' && missed) {
          return `${port.name} freshness objective: ${missed}`;
        }
        return `${port.name} freshness: ${lastValue}${
          missed ? `, ${missed}` : ''
        }`;
      }),
  );
}
