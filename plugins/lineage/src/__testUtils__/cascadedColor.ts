/**
 * The text colour a browser gives `element`, from the page's style sheets.
 * jsdom's getComputedStyle applies rules in sheet order, ignoring
 * specificity, so a more specific rule written before a component's own
 * (as JSS may insert it) loses there though it wins in a browser.
 */
export function cascadedColor(element: Element | null): string | undefined {
  for (let at = element; at; at = at.parentElement) {
    const inline = (at as HTMLElement).style?.color;
    if (inline) return inline;
    let best: { specificity: number[]; color: string } | undefined;
    for (const sheet of Array.from(document.styleSheets)) {
      for (const rule of Array.from(sheet.cssRules)) {
        if (!(rule instanceof CSSStyleRule) || !rule.style.color) continue;
        for (const selector of rule.selectorText.split(',')) {
          if (!at.matches(selector)) continue;
          const specificity = specificityOf(selector);
          // A later rule of equal specificity wins.
          if (!best || compare(specificity, best.specificity) >= 0) {
            best = { specificity, color: rule.style.color };
          }
        }
      }
    }
    if (best) return best.color;
  }
  return undefined;
}

/** Ids; classes, attributes and pseudo-classes; elements. */
function specificityOf(selector: string): number[] {
  const ids = selector.match(/#[\w-]+/g)?.length ?? 0;
  const classes =
    selector.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+/g)?.length ?? 0;
  const elements =
    selector
      .replace(/#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(\([^)]*\))?/g, ' ')
      .match(/(^|[\s>+~])[a-zA-Z][\w-]*/g)?.length ?? 0;
  return [ids, classes, elements];
}

function compare(a: number[], b: number[]) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}
