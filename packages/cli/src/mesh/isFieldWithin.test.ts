import { isFieldWithin } from './isFieldWithin';

describe('isFieldWithin', () => {
  it('tells a field within another from one that only starts alike', () => {
    const port = 'spec.outputPorts[0]';
    expect(isFieldWithin(port, port)).toBe(true);
    expect(isFieldWithin(`${port}.contract.id`, port)).toBe(true);
    expect(isFieldWithin('spec.outputPorts[0][1]', port)).toBe(true);
    expect(isFieldWithin('spec.outputPorts[0]', 'spec.outputPorts')).toBe(true);
    expect(isFieldWithin('spec.outputPorts[10]', 'spec.outputPorts[1]')).toBe(
      false,
    );
    expect(isFieldWithin('spec.outputPortsX', 'spec.outputPorts')).toBe(false);
    expect(isFieldWithin('spec', port)).toBe(false);
    expect(isFieldWithin('metadata.name', '')).toBe(true);
  });
});
