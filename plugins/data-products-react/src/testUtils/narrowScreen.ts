/**
 * Makes every media query match, as on a screen narrower than each
 * breakpoint (jsdom has no `matchMedia`); the returned function takes it
 * away again.
 */
export function narrowScreen(): () => void {
  window.matchMedia = jest.fn().mockReturnValue({
    matches: true,
    addListener: jest.fn(),
    removeListener: jest.fn(),
    // For the app's toasts.
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
  });
  return () => {
    delete (window as Partial<Window>).matchMedia;
  };
}
