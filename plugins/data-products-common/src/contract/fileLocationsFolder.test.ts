import { fileLocationsFolder } from './fileLocationsFolder';

describe('fileLocationsFolder', () => {
  it('is the folder every target globs within', () => {
    expect(
      fileLocationsFolder([
        '/app/catalog-info/org/*.yaml',
        '/app/catalog-info/products/**/*.yaml',
      ]),
    ).toBe('/app/catalog-info');
    expect(fileLocationsFolder(['/app/catalog-info/all.yaml'])).toBe(
      '/app/catalog-info',
    );
    expect(fileLocationsFolder(['/app/{a,b}/*.yaml'])).toBe('/app');
  });

  it('is none for no target, or the filesystem root, which bounds nothing', () => {
    expect(fileLocationsFolder([])).toBeUndefined();
    expect(fileLocationsFolder(['/a/x.yaml', '/b/y.yaml'])).toBeUndefined();
    expect(fileLocationsFolder(['/**/*.yaml'])).toBeUndefined();
  });
});
