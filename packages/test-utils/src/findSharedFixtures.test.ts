import fs from 'fs';
import os from 'os';
import path from 'path';
import { findSharedFixtures } from './findSharedFixtures';

describe('findSharedFixtures', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-fixtures-'));
  fs.mkdirSync(path.join(root, 'odcs'));
  afterAll(() => fs.rmSync(root, { recursive: true }));

  it('finds a folder that is there', () => {
    expect(findSharedFixtures('odcs', {}, root)).toBe(path.join(root, 'odcs'));
  });

  it('skips a missing folder with a notice, unless told to require it', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(findSharedFixtures('openlineage', {}, root)).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('Skipping the openlineage conformance tests'),
      );
    } finally {
      warn.mockRestore();
    }
    expect(() =>
      findSharedFixtures(
        'openlineage',
        { MESHWORK_REQUIRE_FIXTURES: '1' },
        root,
      ),
    ).toThrow(/openlineage.*MESHWORK_REQUIRE_FIXTURES forbids skipping/);
  });
});
