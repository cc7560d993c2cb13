/**
 * InfoCard `titleTypographyProps` that make a card's title an h2: MUI's
 * CardHeader renders it as a span, which screen readers' heading navigation
 * skips. A heading inside such a card is an h3.
 */
export const cardTitleAsHeading = { component: 'h2' } as const;
