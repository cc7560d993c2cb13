/**
 * `text` with its line breaks and other control characters escaped (`\n`,
 * `\u001b`), for a line of output: what a contract or entity holds is
 * printed, where a line of its own starting with `::error` would be a GitHub
 * Actions workflow command, and an escape sequence would drive the terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, char => {
    const escaped = JSON.stringify(char).slice(1, -1);
    return escaped.length > 1
      ? escaped
      : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
