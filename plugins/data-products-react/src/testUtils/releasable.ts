/**
 * A promise that settles only once `release` is called: a test holds an
 * answer back with it, to look at the page while it loads.
 */
export function releasable(): { released: Promise<void>; release: () => void } {
  let release = () => {};
  const released = new Promise<void>(resolve => {
    release = resolve;
  });
  return { released, release };
}
