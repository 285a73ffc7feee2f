import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MONTHLY_BUDGET, monthlyBudgetFromEnv } from './feature';

describe('monthlyBudgetFromEnv', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('limits every member by default, so one account cannot exhaust the key', () => {
    vi.stubEnv('TRANSLATION_MONTHLY_BUDGET', undefined);
    expect(monthlyBudgetFromEnv()).toBe(DEFAULT_MONTHLY_BUDGET);
    vi.stubEnv('TRANSLATION_MONTHLY_BUDGET', ' ');
    expect(monthlyBudgetFromEnv()).toBe(DEFAULT_MONTHLY_BUDGET);
  });

  it('takes a number of characters, or "unlimited"', () => {
    vi.stubEnv('TRANSLATION_MONTHLY_BUDGET', '250000');
    expect(monthlyBudgetFromEnv()).toBe(250_000);
    vi.stubEnv('TRANSLATION_MONTHLY_BUDGET', 'Unlimited');
    expect(monthlyBudgetFromEnv()).toBeNull();
  });

  it('refuses anything else with a sentence naming the variable', () => {
    vi.stubEnv('TRANSLATION_MONTHLY_BUDGET', 'lots');
    expect(() => monthlyBudgetFromEnv()).toThrow(/TRANSLATION_MONTHLY_BUDGET must be a non-negative number/);
  });
});
