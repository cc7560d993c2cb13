/**
 * An ajv instance path as a field path people read, with `child` after it:
 * `/schema/0/properties/3` → `schema[0].properties[3]`.
 */
export function toPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) {
    parts.push(child);
  }
  let path = '';
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) {
      path += `[${part}]`;
    } else {
      path += path ? `.${part}` : part;
    }
  }
  return path;
}
