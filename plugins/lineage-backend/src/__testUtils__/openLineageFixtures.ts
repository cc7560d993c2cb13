import fs from 'fs';
import path from 'path';
import { findSharedFixtures } from '@meshwork/test-utils';

export type FixtureScenario = {
  name: string;
  events: Array<{ file: string; event: any }>;
};

/**
 * The shared OpenLineage fixture scenarios (one folder each, events in file
 * order), or undefined with a notice when `../shared` is not checked out.
 */
export function loadOpenLineageFixtures(): FixtureScenario[] | undefined {
  const fixturesDir = findSharedFixtures('openlineage');
  if (!fixturesDir) {
    return undefined;
  }
  return fs
    .readdirSync(fixturesDir)
    .sort()
    .map(name => {
      const dir = path.join(fixturesDir, name);
      const files = fs
        .readdirSync(dir)
        .filter(file => file.startsWith('events') && file.endsWith('.json'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      return {
        name,
        events: files.map(file => ({
          file,
          event: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
        })),
      };
    });
}
