import { checkDataProductKind } from './checkDataProductKind';

const entity = (apiVersion: string, kind: string) => ({
  apiVersion,
  kind,
  metadata: { name: 'orders' },
});

describe('checkDataProductKind', () => {
  it('accepts a DataProduct at its apiVersion', () => {
    expect(
      checkDataProductKind(entity('meshwork.dev/v1alpha1', 'DataProduct')),
    ).toEqual([]);
  });

  it('names the apiVersion a DataProduct of another meshwork.dev version needs', () => {
    expect(
      checkDataProductKind(entity('meshwork.dev/v1', 'DataProduct')),
    ).toEqual([
      {
        path: 'apiVersion',
        message: 'must be "meshwork.dev/v1alpha1" (got "meshwork.dev/v1")',
      },
    ]);
  });

  it.each(['Dataproduct', 'dataproduct', 'DATAPRODUCT'])(
    'names the kind for %s at meshwork.dev',
    kind => {
      expect(
        checkDataProductKind(entity('meshwork.dev/v1alpha1', kind)),
      ).toEqual([
        { path: 'kind', message: `must be "DataProduct" (got "${kind}")` },
      ]);
    },
  );

  it('names both when both are wrong', () => {
    expect(
      checkDataProductKind(entity('meshwork.dev/v1', 'dataProduct')),
    ).toEqual([
      {
        path: 'apiVersion',
        message: 'must be "meshwork.dev/v1alpha1" (got "meshwork.dev/v1")',
      },
      { path: 'kind', message: 'must be "DataProduct" (got "dataProduct")' },
    ]);
  });

  it.each([
    ['backstage.io/v1alpha1', 'DataProduct'],
    ['example.com/v1', 'dataproduct'],
    ['meshwork.dev/v1alpha1', 'Component'],
    ['meshwork.dev/v1', 'DataProducts'],
  ])("leaves %s %s to the catalog's own checks", (apiVersion, kind) => {
    expect(checkDataProductKind(entity(apiVersion, kind))).toEqual([]);
  });

  it('leaves an apiVersion or kind that is not text to the catalog', () => {
    expect(
      checkDataProductKind({ apiVersion: 1, kind: 'DataProduct' }),
    ).toEqual([]);
  });
});
