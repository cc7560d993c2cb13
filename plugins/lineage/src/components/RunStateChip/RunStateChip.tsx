import { StatusLabel } from '../StatusLabel';

/** A run's state with a status light: failed and aborted runs in red. */
export const RunStateChip = ({ state }: { state: string }) => {
  const label = state.toLocaleLowerCase('en-US');
  if (state === 'FAIL' || state === 'ABORT') {
    return <StatusLabel status="error">{label}</StatusLabel>;
  }
  if (state === 'COMPLETE') {
    return <StatusLabel status="ok">{label}</StatusLabel>;
  }
  return <StatusLabel status="pending">{label}</StatusLabel>;
};
