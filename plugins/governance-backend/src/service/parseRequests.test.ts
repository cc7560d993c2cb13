import { validateDataProductEntity } from '@meshwork/plugin-data-products-common';
import { parseDryRun } from './parseRequests';

describe('parseDryRun', () => {
  it('names the first 20 issues of a product and counts the rest', () => {
    const outputPorts = Array.from({ length: 100 }, (_, i) => ({
      name: `port_${i}`,
    }));
    const entity = {
      apiVersion: 'meshwork.dev/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'many-ports' },
      spec: {
        domain: 'sales',
        owner: 'group:sales',
        lifecycle: 'production',
        type: 'aggregate',
        outputPorts,
      },
    };
    let message = '';
    try {
      parseDryRun({ entity });
    } catch (error) {
      message = (error as Error).message;
    }
    const named = message
      .split('; ')
      .filter(part => part.startsWith('entity.'));
    const issues = validateDataProductEntity(entity);
    expect(issues.length).toBeGreaterThan(100);
    expect(named).toEqual(
      issues
        .slice(0, 20)
        .map(issue => `entity.${issue.path}: ${issue.message}`),
    );
    expect(message.endsWith(`; and ${issues.length - 20} more issues`)).toBe(
      true,
    );
  });
});
