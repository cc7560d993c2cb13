/** Names what was found without dumping a whole subtree into the message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 60
        ? `${JSON.stringify(value.slice(0, 60))}…`
        : JSON.stringify(value);
    case 'number':
      return `the number ${value}`;
    case 'object':
      return 'an object';
    default:
      return String(value);
  }
}
