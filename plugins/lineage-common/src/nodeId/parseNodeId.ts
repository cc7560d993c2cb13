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

/** Readings of one id beyond this many are not tried. */
const MAX_CANDIDATES = 1000;

/** `dataset:<ns>:<name>`, `job:<ns>:<name>` or `datasetField:<ns>:<name>:<field>`. */
export function parseNodeId(nodeId: string): ParsedNodeId | undefined {
  const type = TYPES.find(t => nodeId.startsWith(`${t}:`));
  if (!type) {
    return undefined;
  }
  const rest = nodeId.slice(type.length + 1);
  let candidates: NodeIdCandidate[] = [];
  if (type === 'datasetField') {
    // A field may hold colons too: the shortest field, after the last
    // colon, is the likeliest.
    for (
      let last = rest.lastIndexOf(':');
      last > 0 && candidates.length < MAX_CANDIDATES;
      last = rest.lastIndexOf(':', last - 1)
    ) {
      if (last === rest.length - 1) continue;
      const field = rest.slice(last + 1);
      for (const reading of datasetReadings(rest.slice(0, last))) {
        candidates.push({ ...reading, field });
      }
    }
  } else {
    candidates = datasetReadings(rest);
  }
  return candidates.length > 0
    ? { type, candidates: candidates.slice(0, MAX_CANDIDATES) }
    : undefined;
}

/** Every split of `<ns>:<name>` into a namespace and a name, likeliest first. */
function datasetReadings(text: string): NodeIdCandidate[] {
  const splits: number[] = [];
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i > 0 && i < text.length - 1) {
      splits.push(i);
    }
  }
  const preferred = preferredSplit(text);
  splits.sort((a, b) => Number(b === preferred) - Number(a === preferred));
  return splits.map(i => ({
    namespace: text.slice(0, i),
    name: text.slice(i + 1),
  }));
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
