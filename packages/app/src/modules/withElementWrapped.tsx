import { coreExtensionData } from '@backstage/frontend-plugin-api';
import type { ComponentType, ReactNode } from 'react';

/**
 * An extension's outputs with its React element inside `Wrapper`, the rest
 * as they were: for overriding how a Backstage card or filter is laid out
 * without rebuilding it.
 */
export function* withElementWrapped<T extends { id: string; value: unknown }>(
  outputs: Iterable<T>,
  Wrapper: ComponentType<{ children: ReactNode }>,
) {
  for (const output of outputs) {
    if (output.id === coreExtensionData.reactElement.id) {
      yield coreExtensionData.reactElement(
        <Wrapper>{output.value as ReactNode}</Wrapper>,
      );
    } else {
      yield output;
    }
  }
}
