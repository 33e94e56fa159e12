import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Driving antd's form controls from Playwright, the same way in every browser test.

/** The text box (input or textarea) of a test id, whether the id sits on it or around it. */
export function box(page: Page, testId: string) {
  const id = `[data-testid="${testId}"]`;
  return page.locator(`:is(input, textarea)${id}, ${id} :is(input, textarea)`).first();
}

/**
 * An antd DatePicker: open it, type the date over what is there, confirm. The pointer is
 * moved off first: a date cell under it would show its own day in the input (antd's hover
 * preview) and, on a slow machine, be confirmed instead.
 */
export async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.mouse.move(0, 0);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
  await expect.poll(() => box(page, testId).inputValue()).toBe(date);
}

/**
 * Choose an option of a select and wait until the select shows it. On a loaded machine a
 * click can land while a dialog is still opening or the previous dropdown is still closing,
 * and the dropdown closes under the pointer; then the select is opened and chosen again.
 */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: text,
    })
    .first();
  for (let attempt = 1; ; attempt++) {
    try {
      await select.click();
      await option.click({ timeout: 5_000 });
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(text);
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}
