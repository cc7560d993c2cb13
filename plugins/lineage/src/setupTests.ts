import '@testing-library/jest-dom';

// React Flow measures its pane and nodes with these; jsdom has neither. The
// observer never reports, so React Flow renders every node unmeasured.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (typeof globalThis.DOMMatrixReadOnly === 'undefined') {
  (globalThis as any).DOMMatrixReadOnly = class DOMMatrixReadOnly {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      this.m22 = scale === undefined ? 1 : Number(scale);
    }
  };
}
