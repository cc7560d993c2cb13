import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';

/** A run's state with a status light: failed and aborted runs in red. */
export const RunStateChip = ({ state }: { state: string }) => {
  const label = state.toLocaleLowerCase('en-US');
  if (state === 'FAIL' || state === 'ABORT') {
    return <StatusError>{label}</StatusError>;
  }
  if (state === 'COMPLETE') return <StatusOK>{label}</StatusOK>;
  return <StatusPending>{label}</StatusPending>;
};
