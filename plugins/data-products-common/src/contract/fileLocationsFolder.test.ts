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

  it('reads ( ) ! + @ as a glob only before a parenthesis, as minimatch', () => {
    expect(fileLocationsFolder(['/srv/app (copy)/catalog/*.yaml'])).toBe(
      '/srv/app (copy)/catalog',
    );
    expect(fileLocationsFolder(['/x/@team/a+b/hi!/all.yaml'])).toBe(
      '/x/@team/a+b/hi!',
    );
    expect(fileLocationsFolder(['/app/@(a|b)/*.yaml'])).toBe('/app');
    expect(fileLocationsFolder(['/app/!(tmp)/*.yaml'])).toBe('/app');
    expect(fileLocationsFolder(['/app/x+(y)/*.yaml'])).toBe('/app');
  });

  it('is none for no target, or the filesystem root, which bounds nothing', () => {
    expect(fileLocationsFolder([])).toBeUndefined();
    expect(fileLocationsFolder(['/a/x.yaml', '/b/y.yaml'])).toBeUndefined();
    expect(fileLocationsFolder(['/**/*.yaml'])).toBeUndefined();
  });
});
