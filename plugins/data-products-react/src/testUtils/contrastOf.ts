import { decomposeColor, getContrastRatio } from '@material-ui/core/styles';

/** The first colour with any opacity behind `element`: its own or an ancestor's. */
function backgroundBehind(element: Element): string {
  for (let at: Element | null = element; at; at = at.parentElement) {
    const background = getComputedStyle(at).backgroundColor;
    if (background && decomposeColor(background).values[3] !== 0) {
      return background;
    }
  }
  return 'rgb(255, 255, 255)';
}

/**
 * The contrast ratio of `element`'s text on what is behind it, as the theme
 * the test renders in colours them; a translucent text colour is blended with
 * its background first, as the browser shows it.
 */
export function contrastOf(element: Element): number {
  const background = decomposeColor(backgroundBehind(element)).values;
  const [r, g, b, alpha = 1] = decomposeColor(
    getComputedStyle(element).color,
  ).values;
  const blend = (channel: number, index: number) =>
    Math.round(channel * alpha + background[index] * (1 - alpha));
  return getContrastRatio(
    `rgb(${blend(r, 0)}, ${blend(g, 1)}, ${blend(b, 2)})`,
    `rgb(${background[0]}, ${background[1]}, ${background[2]})`,
  );
}
