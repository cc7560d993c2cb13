import type { SlaProperty } from './DataContract';
import { compareSlaValues } from './compareSlaValues';

function sla(
  property: string,
  value: SlaProperty['value'],
  unit?: string,
): SlaProperty {
  return { property, value, unit, extensions: {} };
}

describe('compareSlaValues', () => {
  it.each([
    [sla('latency', 4, 'd'), sla('latency', 96, 'hours'), 'same'],
    [sla('latency', 30, 'm'), sla('latency', 1, 'h'), 'weaker'],
    [sla('latency', '30m'), sla('latency', '15 minutes'), 'stronger'],
    [sla('frequency', 1, 'day'), sla('frequency', 1, 'w'), 'weaker'],
    [sla('retention', 3, 'y'), sla('retention', 3, 'yr'), 'same'],
    [sla('retention', 1, 'years'), sla('retention', 6, 'months'), 'weaker'],
    [sla('Retention', 7, 'days'), sla('retention', 1, 'y'), 'stronger'],
    [sla('availability', 99.9), sla('availability', '99.5%'), 'weaker'],
    [
      sla('endOfLife', '2042-05-12T09:30:10-08:00'),
      sla('endOfLife', '2040-01-01'),
      'weaker',
    ],
    // Without an offset, UTC, not the machine's time zone.
    [
      sla('endOfSupport', '2030-01-01T00:00:00Z'),
      sla('endOfSupport', '2030-01-01T00:00:00'),
      'same',
    ],
    [
      sla('endOfSupport', '2030-01-01'),
      sla('endOfSupport', '2029-12-31 23:00'),
      'weaker',
    ],
    // Only ISO 8601 text is read as a date.
    [
      sla('endOfLife', '2040-01-01'),
      sla('endOfLife', 'January 1, 2041'),
      'unknown',
    ],
    [
      sla('timeOfAvailability', '09:00-08:00'),
      sla('timeOfAvailability', '08:00-08:00'),
      'stronger',
    ],
    [
      sla('timeOfAvailability', '23:00Z'),
      sla('timeOfAvailability', '01:00Z'),
      'weaker',
    ],
    [
      sla('timeOfAvailability', '17:00Z'),
      sla('timeOfAvailability', '09:00-08:00'),
      'same',
    ],
    [sla('latency', 'PT1H'), sla('latency', 'P1D'), 'weaker'],
    [sla('latency', 'P1DT12H'), sla('latency', 36, 'h'), 'same'],
    [sla('retention', 'P1Y'), sla('retention', 'P6M'), 'weaker'],
    [sla('frequency', 'PT30M'), sla('frequency', 'PT0.25H'), 'stronger'],
    [sla('latency', 'P'), sla('latency', 'PT1H'), 'unknown'],
    // ISO 8601 wants a time part after `T`.
    [sla('latency', 'P1DT'), sla('latency', 'P1D'), 'unknown'],
    [sla('latency', 'PT'), sla('latency', 'PT1H'), 'unknown'],
    // Years and months are counted in months, whatever their length in days.
    [sla('retention', 1, 'y'), sla('retention', 12, 'months'), 'same'],
    [sla('retention', 12, 'months'), sla('retention', 1, 'y'), 'same'],
    [sla('retention', 'P1Y'), sla('retention', 'P12M'), 'same'],
    [sla('retention', 'P1Y2M'), sla('retention', '14 mo'), 'same'],
    [sla('retention', 1, 'y'), sla('retention', 13, 'months'), 'stronger'],
    [sla('retention', 'P2Y'), sla('retention', 'P23M'), 'weaker'],
    // Against days, ranked only when no month length ranks it the other way.
    [sla('latency', 1, 'month'), sla('latency', 30, 'days'), 'unknown'],
    [sla('latency', 1, 'month'), sla('latency', 31, 'days'), 'weaker'],
    [sla('latency', 31, 'days'), sla('latency', 1, 'month'), 'stronger'],
    [sla('latency', 1, 'month'), sla('latency', 28, 'days'), 'stronger'],
    [sla('latency', 'P1M'), sla('latency', 'PT672H'), 'stronger'],
    [sla('latency', 2, 'months'), sla('latency', 59, 'days'), 'stronger'],
    [sla('latency', 2, 'months'), sla('latency', 60, 'days'), 'unknown'],
    [sla('latency', 2, 'months'), sla('latency', 62, 'days'), 'weaker'],
    [sla('retention', 1, 'y'), sla('retention', 365, 'days'), 'weaker'],
    [sla('retention', 1, 'y'), sla('retention', 366, 'days'), 'stronger'],
    [sla('retention', 1, 'y'), sla('retention', 52, 'weeks'), 'weaker'],
    [sla('retention', 'P1Y1D'), sla('retention', 'P12M'), 'weaker'],
    [sla('retention', 'P1M'), sla('retention', 'P1M1D'), 'stronger'],
    [sla('retention', 'P1MT1H'), sla('retention', 'P2M'), 'stronger'],
    // 400 Gregorian years are always 146,097 days; 100 are 36,524 or 36,525.
    [sla('retention', 400, 'y'), sla('retention', 146_097, 'd'), 'same'],
    [sla('retention', 100, 'y'), sla('retention', 36_524, 'd'), 'weaker'],
    [sla('retention', 100, 'y'), sla('retention', 36_526, 'd'), 'stronger'],
    [sla('latency', 4), sla('latency', 2, 'd'), 'unknown'],
    [
      sla('generalAvailability', '2022-05-12'),
      sla('generalAvailability', '2023-01-01'),
      'unknown',
    ],
  ])('%o → %o is %s', (before, after, expected) => {
    expect(compareSlaValues(before, after)).toBe(expected);
  });
});
