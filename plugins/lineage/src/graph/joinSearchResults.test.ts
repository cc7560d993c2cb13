import { joinSearchResults } from './joinSearchResults';

const files = {
  id: 'dataset:s3a://lake:warehouse/orders',
  namespace: 's3a://lake',
  name: 'warehouse/orders',
};
const hive = {
  id: 'dataset:hive://metastore:mart.orders',
  namespace: 'hive://metastore',
  name: 'mart.orders',
};
const glue = {
  id: 'dataset:arn:aws:glue:mart/orders',
  namespace: 'arn:aws:glue',
  name: 'mart/orders',
};
const other = {
  id: 'dataset:postgres://db:5432:mart.orders_2019',
  namespace: 'postgres://db:5432',
  name: 'mart.orders_2019',
};

describe('joinSearchResults', () => {
  it("lists one table's names once, where the first was, by its primary", () => {
    const joined = joinSearchResults([
      { ...hive, primary: files, alsoKnownAs: [glue, files] },
      other,
      {
        ...files,
        symlink: { namespace: hive.namespace, name: hive.name },
        alsoKnownAs: [glue, hive],
      },
      { ...glue, primary: files, alsoKnownAs: [files, hive] },
    ]);
    expect(joined).toEqual([{ ...files, alsoKnownAs: [glue, hive] }, other]);
  });

  it("lists the files found by their own path under the table's other names", () => {
    expect(
      joinSearchResults([
        { ...files, marquezType: 'DB_TABLE', alsoKnownAs: [hive] },
      ]),
    ).toEqual([{ ...files, marquezType: 'DB_TABLE', alsoKnownAs: [hive] }]);
  });

  it('opens the primary of a table found by another of its names alone', () => {
    const joined = joinSearchResults([
      {
        ...hive,
        symlink: { namespace: glue.namespace, name: glue.name },
        primary: files,
        alsoKnownAs: [glue, files],
      },
    ]);
    expect(joined).toEqual([{ ...files, alsoKnownAs: [glue, hive] }]);
  });

  it('keeps apart a dataset joined with none', () => {
    const found = {
      ...files,
      symlink: { namespace: hive.namespace, name: hive.name },
    };
    // A job writing the Hive name itself keeps it a table of its own.
    expect(joinSearchResults([found, hive])).toEqual([found, hive]);
  });
});
