/**
 * Renders the tests of the `describe` it is called in with the app's theme
 * `themeId` ('light' or 'dark'), as a user who chose it in the settings
 * sees them: the app reads the choice from local storage under `theme`.
 */
export function inAppTheme(themeId: string) {
  beforeEach(() => window.localStorage.setItem('theme', themeId));
  afterEach(() => window.localStorage.removeItem('theme'));
}
