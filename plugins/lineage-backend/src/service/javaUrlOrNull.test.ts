import { javaUrlOrNull } from './javaUrlOrNull';

describe('javaUrlOrNull', () => {
  it.each([
    'https://github.com/acme/etl/blob/main/load.py',
    'http://example.com/x',
    'file:///opt/dags/load.py',
  ])('keeps %p, which java.net.URL parses', url => {
    expect(javaUrlOrNull(url)).toBe(url);
  });

  it.each([
    's3://code/load.py',
    'git@github.com:acme/etl.git',
    'gs://bucket/job.jar',
    'jar:file:/opt/app.jar',
    'not a url',
    '',
    42,
    undefined,
  ])('gives null for %p, as Marquez does', value => {
    expect(javaUrlOrNull(value)).toBeNull();
  });
});
