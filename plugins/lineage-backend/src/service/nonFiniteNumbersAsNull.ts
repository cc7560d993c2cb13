const NON_FINITE = ['-Infinity', 'Infinity', 'NaN'];

/**
 * The text with each `NaN`, `Infinity` and `-Infinity` outside strings
 * written as `null`, or undefined when it has none. Python's `json.dumps`
 * writes float values so by default, and OpenLineage's Python client
 * (Airflow, dbt) sends them so in facets such as `dataQualityMetrics`; JSON
 * has no such numbers.
 */
export function nonFiniteNumbersAsNull(text: string): string | undefined {
  let written = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    const token = NON_FINITE.find(candidate => text.startsWith(candidate, i));
    if (token) {
      written += `${text.slice(copiedUpTo, i)}null`;
      i += token.length - 1;
      copiedUpTo = i + 1;
    }
  }
  return copiedUpTo === 0 ? undefined : written + text.slice(copiedUpTo);
}
