import {
  declaredJobsOf,
  OPENLINEAGE_JOBS_ANNOTATION,
  parseDeclaredJobs,
} from './declaredJobs';
import { validateDataProductEntity } from './validateDataProductEntity';

const productWith = (jobs: string) => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'orders',
    annotations: { [OPENLINEAGE_JOBS_ANNOTATION]: jobs },
  },
  spec: {
    domain: 'sales',
    owner: 'group:sales-data',
    lifecycle: 'production',
    type: 'source-aligned',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: { namespace: 'postgres://warehouse:5432', name: 'orders' },
      },
    ],
  },
});

describe('parseDeclaredJobs', () => {
  it('reads one job a line or a comma, the namespace up to the last colon', () => {
    expect(
      parseDeclaredJobs(
        ' meshwork-retail.airflow:orders.export ,\nspark://host:7077:Orders Sync\n\n',
      ),
    ).toEqual({
      jobs: [
        { namespace: 'meshwork-retail.airflow', name: 'orders.export' },
        { namespace: 'spark://host:7077', name: 'Orders Sync' },
      ],
      problems: [],
    });
  });

  it('names each entry that is no job, and keeps a job named twice once', () => {
    const { jobs, problems } = parseDeclaredJobs(
      'orders.export, :orders.export, airflow:, job:airflow:orders.export, airflow:orders.export, airflow:orders.export',
    );
    expect(jobs).toEqual([{ namespace: 'airflow', name: 'orders.export' }]);
    expect(problems).toEqual([
      expect.stringContaining(
        'entry 1 ("orders.export") must be <namespace>:<name>',
      ),
      expect.stringContaining('entry 2 (":orders.export")'),
      expect.stringContaining('entry 3 ("airflow:")'),
      expect.stringContaining('without Marquez\'s "job:" prefix'),
    ]);
  });

  it('refuses lines YAML joined with spaces, and a namespace alone', () => {
    expect(
      parseDeclaredJobs(
        'meshwork-retail.airflow:orders.export meshwork-retail.airflow:orders.sync, spark://host:7077',
      ),
    ).toEqual({
      jobs: [],
      problems: [
        expect.stringContaining(
          'has whitespace in its namespace "meshwork-retail.airflow:orders.export meshwork-retail.airflow": put one job on each line of a literal block (|)',
        ),
        expect.stringContaining('entry 2 ("spark://host:7077") names no job'),
      ],
    });
    expect(parseDeclaredJobs('spark://host:7077:Orders Sync').jobs).toEqual([
      { namespace: 'spark://host:7077', name: 'Orders Sync' },
    ]);
  });
});

describe('declaredJobsOf', () => {
  it('gives the valid entries, and none without the annotation', () => {
    expect(declaredJobsOf(productWith('a:b, nonsense'))).toEqual([
      { namespace: 'a', name: 'b' },
    ]);
    expect(declaredJobsOf({ metadata: { name: 'orders' } })).toEqual([]);
  });
});

describe('validating the annotation', () => {
  const path = `metadata.annotations["${OPENLINEAGE_JOBS_ANNOTATION}"]`;

  it('accepts jobs', () => {
    expect(validateDataProductEntity(productWith('a:b\nc:d'))).toEqual([]);
  });

  it('names the entry that is wrong', () => {
    expect(
      validateDataProductEntity(productWith('a:b, orders.export')),
    ).toEqual([
      {
        path,
        message:
          'entry 2 ("orders.export") must be <namespace>:<name>, the job\'s OpenLineage namespace and name, like meshwork-retail.airflow:orders.export',
      },
    ]);
  });

  it('refuses a value naming nothing', () => {
    expect(validateDataProductEntity(productWith(' , '))).toEqual([
      {
        path,
        message: expect.stringContaining('must name at least one job'),
      },
    ]);
  });
});
