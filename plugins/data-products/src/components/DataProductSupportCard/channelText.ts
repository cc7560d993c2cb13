/** Schemes of an address that reads alone: a mail address, a phone number. */
const ADDRESS_SCHEME = /^(mailto|tel):/i;

/**
 * What a linked support channel shows: a mail address or phone number
 * without its `mailto:` or `tel:` (nor a mail's subject), which its link
 * keeps; anything else as written.
 */
export function channelText(url: string): string {
  const scheme = ADDRESS_SCHEME.exec(url);
  if (!scheme) return url;
  const address = url.slice(scheme[0].length).split('?')[0];
  let text = address;
  try {
    text = decodeURIComponent(address);
  } catch {
    // Not percent-encoded after all: shown as written.
  }
  // `mailto:?to=…` names its address only in the query.
  return text || url;
}
