/** One way to read a node id: namespace, name and, for a field, the field. */
export type NodeIdCandidate = {
  namespace: string;
  name: string;
  field?: string;
};

/**
 * A parsed Marquez-style node id. Namespaces and names may both contain `:`
 * (`postgres://host:5432`), so the id alone can be ambiguous: `candidates`
 * lists every reading, likeliest first, for the store to resolve against
 * the namespaces it knows.
 */
export type ParsedNodeId = {
  type: 'dataset' | 'job' | 'datasetField';
  candidates: NodeIdCandidate[];
};

const TYPES = ['datasetField', 'dataset', 'job'] as const;

/** `dataset:<ns>:<name>`, `job:<ns>:<name>` or `datasetField:<ns>:<name>:<field>`. */
export function parseNodeId(nodeId: string): ParsedNodeId | undefined {
  const type = TYPES.find(t => nodeId.startsWith(`${t}:`));
  if (!type) {
    return undefined;
  }
  let rest = nodeId.slice(type.length + 1);
  let field: string | undefined;
  if (type === 'datasetField') {
    const last = rest.lastIndexOf(':');
    if (last <= 0 || last === rest.length - 1) {
      return undefined;
    }
    field = rest.slice(last + 1);
    rest = rest.slice(0, last);
  }
  const splits: number[] = [];
  for (let i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
    if (i > 0 && i < rest.length - 1) {
      splits.push(i);
    }
  }
  if (splits.length === 0) {
    return undefined;
  }
  const preferred = preferredSplit(rest);
  splits.sort((a, b) => Number(b === preferred) - Number(a === preferred));
  return {
    type,
    candidates: splits.map(i => ({
      namespace: rest.slice(0, i),
      name: rest.slice(i + 1),
      ...(field !== undefined ? { field } : {}),
    })),
  };
}

/**
 * Where a URI namespace (`scheme://authority[:port][/path]`) most likely
 * ends; otherwise the first colon, as namespaces without a scheme rarely
 * hold one.
 */
function preferredSplit(rest: string): number {
  const uri = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/:]*(?::\d+)?(?:\/[^:]*)?/.exec(
    rest,
  );
  if (uri && rest[uri[0].length] === ':') {
    return uri[0].length;
  }
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^:]+/.exec(rest);
  if (scheme && rest.slice(0, scheme[0].length).includes('/')) {
    // `file:/tmp/dir:name`: a scheme with a path, ending at the next colon.
    return scheme[0].length;
  }
  return rest.indexOf(':');
}

export function formatNodeId(
  type: 'dataset' | 'job',
  namespace: string,
  name: string,
): string;
export function formatNodeId(
  type: 'datasetField',
  namespace: string,
  name: string,
  field: string,
): string;
export function formatNodeId(
  type: ParsedNodeId['type'],
  namespace: string,
  name: string,
  field?: string,
): string {
  return field === undefined
    ? `${type}:${namespace}:${name}`
    : `${type}:${namespace}:${name}:${field}`;
}
