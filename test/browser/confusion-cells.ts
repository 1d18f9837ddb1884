// Opens the confusion-matrix cell a reviewer would look at first: the largest mistake, or the largest cell if the
// run made none. Shared by the journeys that relabel from the Evaluate section.
import type { Locator, Page } from 'playwright-core';

export interface OpenedCell {
  /** Photos in the cell, as its count shows. */
  readonly count: number;
  /** The cell's focused (hardest) photo in the review list. */
  readonly focused: Locator;
}

export async function openBiggestMistakeCell(page: Page): Promise<OpenedCell> {
  await page.locator('.confusion-matrix').waitFor();
  await page.getByText(/^Accuracy/).waitFor();
  const cells = await page.$$eval('.confusion-cell', (buttons) =>
    buttons.map((b) => ({ cell: b.getAttribute('data-cell')!, count: Number(b.querySelector('.count')!.textContent), mistake: b.classList.contains('mistake') })),
  );
  const target = [...cells].sort((a, b) => Number(b.mistake) - Number(a.mistake) || b.count - a.count)[0];
  await page.locator(`[data-cell="${target.cell}"]`).click();
  const focused = page.locator('.cell-photos li[aria-current="true"] .cell-photo');
  await focused.waitFor();
  return { count: target.count, focused };
}
