/**
 * Account settings (issue 12; shared/protocol/account.ts): one jsonb row per user in
 * `account_settings` (migration 011), the defaults until the user changes one. A change is a
 * read-modify-write under the row's lock, so two devices muting two contacts at once both count.
 */
import {
  AccountSettings,
  DEFAULT_ACCOUNT_SETTINGS,
  MAX_MUTED,
  type SettingsUpdate,
} from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import { json, toIso, type Queryable } from '../../platform/db/store';
import type { Store } from '../../platform/db';

interface Row {
  settings: unknown;
  updated_at: Date | string;
}

/** What a stored row says, the defaults filling anything missing (a row written by an older server). */
function fromRow(row: Row | undefined): AccountSettings {
  if (!row) return DEFAULT_ACCOUNT_SETTINGS;
  const raw = (typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings) as Record<
    string,
    unknown
  >;
  const parsed = AccountSettings.safeParse({
    ...DEFAULT_ACCOUNT_SETTINGS,
    ...raw,
    updatedAt: toIso(row.updated_at),
  });
  return parsed.success ? parsed.data : { ...DEFAULT_ACCOUNT_SETTINGS, updatedAt: toIso(row.updated_at) };
}

export async function getAccountSettings(db: Queryable, memberId: string): Promise<AccountSettings> {
  const rows = await db.query<Row>('select settings, updated_at from account_settings where member_id = $1', [
    memberId,
  ]);
  return fromRow(rows[0]);
}

/** Applies `change`; answers the settings as they are now, and whether anything changed. */
export async function updateAccountSettings(
  store: Store,
  memberId: string,
  change: SettingsUpdate,
  now: Date,
): Promise<{ settings: AccountSettings; changed: boolean }> {
  return store.transaction(async (tx) => {
    // The row exists before it is locked, so two first changes at once serialise too.
    await tx.query(
      `insert into account_settings (member_id, settings, updated_at) values ($1, $2::jsonb, $3)
       on conflict (member_id) do nothing`,
      [memberId, json({ autoTranslate: true, mutedContacts: [] }), now],
    );
    const rows = await tx.query<Row>(
      'select settings, updated_at from account_settings where member_id = $1 for update',
      [memberId],
    );
    const before = fromRow(rows[0]);
    let muted = before.mutedContacts;
    if (change.mute) {
      const id = change.mute.memberId;
      muted = change.mute.muted ? [...new Set([...muted, id])].sort() : muted.filter((m) => m !== id);
      if (muted.length > MAX_MUTED)
        throw new AppError('too_large', `At most ${MAX_MUTED} contacts can be muted.`);
    }
    const next = {
      autoTranslate: change.autoTranslate ?? before.autoTranslate,
      mutedContacts: muted,
    };
    const changed =
      next.autoTranslate !== before.autoTranslate ||
      next.mutedContacts.join(',') !== before.mutedContacts.join(',');
    if (!changed) return { settings: before, changed: false };
    await tx.query('update account_settings set settings = $2::jsonb, updated_at = $3 where member_id = $1', [
      memberId,
      json(next),
      now,
    ]);
    return { settings: { ...next, updatedAt: now.toISOString() }, changed: true };
  });
}
