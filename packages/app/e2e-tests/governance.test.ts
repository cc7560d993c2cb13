import { expect, Locator, Page, test } from '@playwright/test';
import { exampleProductCount } from './exampleProductCount';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { reloadUntil } from './reloadUntil';

/** The card titled `title`: the nearest ancestor of its heading that holds a table. */
const card = (page: Page, title: string) =>
  page
    .getByRole('heading', { name: title })
    .locator('xpath=ancestor::*[.//table][1]');

/** The texts of an SVG chart not wholly inside it, as the chart cuts them off. */
const textsOutside = (chart: Locator) =>
  chart.evaluate(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll(':scope > text, :scope > g > text')]
      .filter(text => {
        const r = text.getBoundingClientRect();
        return (
          r.left < box.left ||
          r.right > box.right ||
          r.top < box.top ||
          r.bottom > box.bottom
        );
      })
      .map(text => text.textContent);
  });

/**
 * The Governance tab of the product `name`, once `scored` shows: the
 * governance backend scores every example product within 30 s of start.
 */
async function openScoredGovernanceTab(
  page: Page,
  name: string,
  scored: Locator,
) {
  await expect(async () => {
    await page.goto(`/catalog/default/dataproduct/${name}/governance`);
    await expect(scored).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 150_000 });
}

test('the governance page ranks domains and teams, shows the levels, what fails most and the score trend', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Governance' })
    .click();
  await expect(page).toHaveURL(/\/governance$/);

  // The governance backend scores every example product within 30 s.
  await reloadUntil(
    page,
    async () => {
      await expect(
        page.getByText(`${exampleProductCount} products`, { exact: true }),
      ).toBeVisible({ timeout: 5_000 });
    },
    150_000,
  );
  // The first bar is the whole mesh's; each leaderboard row has its own.
  await expect(
    page
      .getByRole('img', {
        name: /^Levels: gold [1-9]\d*, silver \d+, bronze \d+, none \d+$/,
      })
      .first(),
  ).toBeVisible();

  const domains = card(page, 'Leaderboard by domain');
  for (const domain of ['Checkout', 'Customer', 'Finance', 'Logistics']) {
    await expect(domains.getByRole('link', { name: domain })).toBeVisible();
  }
  const scores = (
    await domains.locator('tbody tr td:nth-child(2)').allInnerTexts()
  ).map(Number);
  expect(scores.length).toBeGreaterThanOrEqual(5);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await expect(
    card(page, 'Leaderboard by team').getByRole('link', {
      name: 'Finance Data',
    }),
  ).toBeVisible();

  // Delivery Performance has no runbook.
  await expect(
    card(page, 'Most failed checks')
      .getByRole('row')
      .filter({ hasText: 'Runbook' }),
  ).toContainText('warning');

  const trend = page.getByRole('img', { name: /^Average score by UTC day: / });
  await expect(trend).toHaveAccessibleName(/\d+(\.\d+)? on \d{4}-\d{2}-\d{2}/);
  await expect(trend.locator('circle')).not.toHaveCount(0);
  expect(await textsOutside(trend)).toEqual([]);
  // A mesh first scored minutes ago has one hour, drawn in the middle; an
  // hour before it, as the backend would answer an hour later, puts the
  // last hour's label at the chart's right edge.
  await page.route(/\/api\/governance\/history\?by=hour/, async route => {
    const response = await route.fetch();
    const points: Array<{ period: string }> = await response.json();
    const hourBefore = {
      ...points[0],
      period: new Date(Date.parse(points[0].period) - 3_600_000).toISOString(),
    };
    await route.fulfill({ response, json: [hourBefore, ...points] });
  });
  await page.getByRole('button', { name: 'By hour' }).click();
  await expect(page.getByRole('button', { name: 'By hour' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const hourly = page.getByRole('img', {
    name: /^Average score by UTC hour: /,
  });
  await expect(hourly).toBeVisible();
  await expect.poll(() => hourly.locator('circle').count()).toBeGreaterThan(1);
  // Its last period's label, "7 Dec 03:00", ran past the chart's right edge.
  expect(await textsOutside(hourly)).toEqual([]);
  await expect(page.getByText('Hour (UTC)')).toBeVisible();
  await page.screenshot({
    path: screenshotPath('governance-page'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('a product’s Governance tab shows its scorecard, its score over time and its exemptions', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openScoredGovernanceTab(
    page,
    'delivery-performance',
    page.getByRole('img', { name: /^Score by UTC day: / }),
  );
  await expect(
    page.getByRole('heading', { name: 'Governance scorecard' }),
  ).toBeVisible();
  await expect(page.getByText('Fails: Runbook (warning)')).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /^Score by UTC day: \d+ on \d{4}-\d{2}-\d{2}/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Exemptions' })).toBeVisible();
  await expect(page.getByText('No exemptions for this product.')).toBeVisible();
  await page.screenshot({
    path: screenshotPath('product-governance-tab'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

// On Cart Abandonment, whose exemptions no other test looks at.
test('the platform team grants an exemption on a product’s Governance tab, sees the check exempt, then revokes it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openScoredGovernanceTab(
    page,
    'cart-abandonment',
    page.getByRole('img', { name: /^Score by UTC day: / }),
  );
  const exemptions = card(page, 'Exemptions');
  const revokeReason = async (reason: string) => {
    const revoke = page.getByRole('dialog', { name: 'Revoke an exemption' });
    await revoke.getByLabel(/Reason/).fill(reason);
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await expect(revoke).toBeHidden();
  };
  // What a failed first attempt left in force.
  const leftOver = exemptions.getByRole('button', {
    name: 'Revoke the Description exemption',
  });
  if (await leftOver.isVisible()) {
    await leftOver.click();
    await revokeReason('Left by an earlier attempt of this test.');
  }
  await expect(page.getByText('Fails: Description (warning)')).toBeVisible();
  const justification = `A description is being written (${Date.now()}).`;

  await page.getByRole('button', { name: 'Grant exemption' }).click();
  const grant = page.getByRole('dialog', { name: 'Grant an exemption' });
  await grant.getByRole('button', { name: /Check/ }).click();
  await page.getByRole('option', { name: 'Description (fail)' }).click();
  await grant.getByLabel(/Justification/).fill(justification);
  await expect(grant.getByLabel(/Approver/)).toHaveValue(
    'user:development/guest',
  );
  await page.screenshot({ path: screenshotPath('grant-exemption-dialog') });
  await grant.getByRole('button', { name: 'Grant' }).click();
  await expect(grant).toBeHidden();

  const row = exemptions.getByRole('row').filter({ hasText: justification });
  await expect(row).toContainText('active');
  // Scored again before the grant answered, and the card read again.
  await expect(page.getByText('Exempt: Description (warning)')).toBeVisible();
  await expect(page.getByText('Fails: Description (warning)')).toBeHidden();

  await row
    .getByRole('button', { name: 'Revoke the Description exemption' })
    .click();
  await revokeReason('Description written.');
  await expect(row).toContainText(
    /revoked by development\/guest on .*: Description written\./,
  );
  await expect(page.getByText('Fails: Description (warning)')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
