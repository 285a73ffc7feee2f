/**
 * Operator commands for translation, for `npm run server -- translation …` (main.ts dispatches
 * `argv[0] === 'translation'` here with the opened store):
 *   translation usage [--month YYYY-MM]          DeepL's usage endpoint + characters per member
 *   translation budget --user <id> --chars <n>    a member's monthly budget (overrides TRANSLATION_MONTHLY_BUDGET)
 *   translation budget --user <id> --clear        back to the default
 * Prints to stdout; returns the process exit code.
 */
import { parseArgs } from 'node:util';
import type { Store } from '../../platform/db';
import { engineFromConfig, monthlyBudgetFromEnv } from './feature';
import { createTranslationService } from './service';
import { createSqlTranslationStore } from './store';

export async function translationCommand(
  argv: string[],
  store: Store,
  out: (line: string) => void = console.log,
): Promise<number> {
  const [sub, ...rest] = argv;
  const service = createTranslationService({
    engine: engineFromConfig(),
    store: createSqlTranslationStore(store),
    monthlyBudgetChars: monthlyBudgetFromEnv(),
  });
  if (sub === 'usage') {
    const { values } = parseArgs({ args: rest, options: { month: { type: 'string' } } });
    const u = await service.usage(values.month);
    out(
      u.deepl
        ? `DeepL: ${u.deepl.characterCount.toLocaleString('en-US')} of ${u.deepl.characterLimit.toLocaleString('en-US')} characters this billing period`
        : service.available
          ? 'DeepL: usage not available'
          : 'DeepL: no key (DEEPL_AUTH_KEY is not set)',
    );
    out(
      `Members, ${u.month} (default budget: ${u.defaultBudget === null ? 'unlimited' : u.defaultBudget.toLocaleString('en-US')}):`,
    );
    if (u.members.length === 0) out('  (none)');
    for (const m of u.members)
      out(
        `  ${m.memberId.padEnd(32)} ${m.characters.toLocaleString('en-US').padStart(12)} / ${m.budget === null ? 'unlimited' : m.budget.toLocaleString('en-US')}`,
      );
    return 0;
  }
  if (sub === 'budget') {
    const { values } = parseArgs({
      args: rest,
      options: { user: { type: 'string' }, chars: { type: 'string' }, clear: { type: 'boolean' } },
    });
    if (!values.user || (values.chars === undefined && !values.clear)) {
      out('usage: translation budget --user <memberId> (--chars <n> | --clear)');
      return 2;
    }
    const chars = values.clear ? null : Number(values.chars);
    if (chars !== null && (!Number.isInteger(chars) || chars < 0)) {
      out('--chars must be a whole number ≥ 0');
      return 2;
    }
    await service.setBudget(values.user.toLowerCase(), chars);
    out(
      `${values.user}: monthly translation budget ${chars === null ? 'reset to the default' : `set to ${chars.toLocaleString('en-US')} characters`}`,
    );
    return 0;
  }
  out(
    'usage: translation usage [--month YYYY-MM] | translation budget --user <memberId> (--chars <n> | --clear)',
  );
  return 2;
}
