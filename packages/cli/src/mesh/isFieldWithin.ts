/**
 * Whether the field path `field` is `ancestor` or a field within it:
 * `spec.ports[0].contract.id` is within `spec.ports[0]` and `spec`, not
 * within `spec.port`. Every field is within the whole entity, `''`.
 */
export function isFieldWithin(field: string, ancestor: string): boolean {
  return (
    ancestor === '' ||
    field === ancestor ||
    field.startsWith(`${ancestor}.`) ||
    field.startsWith(`${ancestor}[`)
  );
}
