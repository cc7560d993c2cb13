export { formatNodeId, parseNodeId } from './parseNodeId';
export type { NodeIdCandidate, ParsedNodeId } from './parseNodeId';
