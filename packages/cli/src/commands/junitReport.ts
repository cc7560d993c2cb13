import { Scorecard } from '@meshwork/plugin-governance-common';
import { locateMeshError, MeshError } from '../mesh/loadMesh';
import { printable } from '../mesh/printable';

/**
 * `text` for an XML attribute or element, on one line as in the text
 * output. XML 1.0 cannot hold most control characters, even as references,
 * nor a lone surrogate, U+FFFE or U+FFFF: those from a contract are escaped.
 */
const xml = (text: string) =>
  printable(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(
      /[\ud800-\udfff\ufffe\uffff]/gu,
      char => `\\u${char.codePointAt(0)!.toString(16)}`,
    );

/**
 * JUnit XML for CI systems: a test suite per product, a test case per
 * check. Only error-severity failures are `<failure>`s (they fail the build);
 * warnings and infos that fail are reported in `<system-out>`.
 */
export function junitReport(
  scorecards: Array<{ file: string; scorecard: Scorecard }>,
  invalid: MeshError[],
  relative: (file: string) => string,
): string {
  const suites = scorecards.map(({ file, scorecard }) => {
    const cases = scorecard.checks.map(c => {
      let body = '';
      if (c.status === 'fail' && c.severity === 'error') {
        body = `<failure message="${xml(c.message)}" type="error">${xml(
          c.remediation,
        )}</failure>`;
      } else if (c.status === 'fail') {
        body = `<system-out>${xml(
          `${c.severity}: ${c.message} Fix: ${c.remediation}`,
        )}</system-out>`;
      }
      return `    <testcase classname="${xml(scorecard.entityRef)}" name="${xml(
        c.id,
      )}" file="${xml(relative(file))}">${body}</testcase>`;
    });
    const failures = scorecard.checks.filter(
      c => c.status === 'fail' && c.severity === 'error',
    ).length;
    return `  <testsuite name="${xml(scorecard.entityRef)}" tests="${
      cases.length
    }" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  if (invalid.length) {
    const cases = invalid.map(
      e =>
        `    <testcase classname="validate" name="${xml(
          `${locateMeshError(e, relative(e.file))}: ${e.path}`,
        )}"><failure message="${xml(e.message)}" type="invalid"/></testcase>`,
    );
    suites.push(
      `  <testsuite name="validate" tests="${cases.length}" failures="${
        cases.length
      }">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="meshwork check">\n${suites.join(
    '\n',
  )}\n</testsuites>\n`;
}
