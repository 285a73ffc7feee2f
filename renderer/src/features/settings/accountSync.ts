/**
 * The account's settings on this device (issue 12): automatic translation and muted contacts are
 * stored on the server (`settings:get|update`, shared/protocol/account.ts) and mirrored into this
 * account's IndexedDB prefs, where the translation hook and the notifier read them. Every
 * catch-up takes the server's copy; `settings:changed` brings another device's change at once.
 * A device that chose before the settings followed the account (they were per device) hands
 * its choice to the account once, if the account has none yet.
 */
import { AccountSettings, type SettingsUpdate } from '../../../../shared/protocol';
import type { Result } from '../../../../shared/result';
import type { TradewindDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';

/** Writes the account's settings into this device's prefs. */
export async function saveAccountSettings(db: TradewindDb, s: AccountSettings): Promise<void> {
  await db.transaction('rw', db.prefs, async () => {
    await db.prefs.put({ key: 'autoTranslate', value: s.autoTranslate });
    await db.prefs.put({ key: 'mutedContacts', value: [...s.mutedContacts] });
  });
}

type Request = (payload: SettingsUpdate) => Promise<Result<AccountSettings>>;

/** Changes a setting on the account and, once the server has it, on this device. */
export async function changeAccountSettings(
  db: TradewindDb,
  engine: Pick<SyncEngine, 'request'>,
  change: SettingsUpdate,
): Promise<Result<AccountSettings>> {
  const r = await engine.request('settings:update', change, 5000);
  if (r.ok) await saveAccountSettings(db, r.value);
  return r;
}

/** What this device chose on its own before, when it differs from the defaults. */
async function localChoices(db: TradewindDb): Promise<SettingsUpdate[]> {
  const [auto, muted] = await Promise.all([db.prefs.get('autoTranslate'), db.prefs.get('mutedContacts')]);
  const out: SettingsUpdate[] = [];
  if (auto?.key === 'autoTranslate' && !auto.value) out.push({ autoTranslate: false });
  if (muted?.key === 'mutedContacts')
    for (const memberId of muted.value) out.push({ mute: { memberId, muted: true } });
  return out;
}

/** One catch-up step: the account's settings, after handing over this device's earlier choice. */
export async function syncAccountSettings(
  db: TradewindDb,
  get: () => Promise<Result<AccountSettings>>,
  update: Request,
): Promise<void> {
  const r = await get();
  if (!r.ok) return;
  let settings = r.value;
  if (settings.updatedAt === null) {
    for (const change of await localChoices(db)) {
      const u = await update(change);
      if (u.ok) settings = u.value;
    }
  }
  await saveAccountSettings(db, settings);
}

/** Plugs the account settings into the engine's catch-up and live events. */
export function installAccountSettingsSync(engine: SyncEngine): void {
  const { db } = engine;
  engine.use({
    events: {
      'settings:changed': (raw) => {
        const p = AccountSettings.safeParse(raw);
        if (p.success) void saveAccountSettings(db, p.data);
      },
    },
    catchUp: () =>
      syncAccountSettings(
        db,
        () => engine.request('settings:get', {}),
        (change) => engine.request('settings:update', change),
      ),
  });
}
