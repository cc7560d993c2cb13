/** A read held back until `release` is called, to look at the page meanwhile. */
export function heldBack(): { done: Promise<void>; release: () => void } {
  let release = () => {};
  const done = new Promise<void>(resolve => {
    release = resolve;
  });
  return { done, release };
}
