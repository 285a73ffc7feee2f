/**
 * Seeds the demo world (`--demo`). Idempotent: users and contacts are upserted, and messages
 * are sent through the same message service as real ones with fixed client ids, so a second run
 * is de-duplicated and the hash chain stays valid.
 */
import { createHash } from 'node:crypto';
import type { ServerContext } from '../platform/context';
import { createGroup, moveContacts, noteContact, pinContact } from '../features/groups';
import { sendMessage, recordReceipt } from '../features/messages';
import { createUser, getUser } from '../features/auth';
import { storeDemoTranslations, type DemoTranslation } from '../features/translation';
import { DEMO_BUYER, DEMO_CONVERSATIONS, DEMO_GROUPS, DEMO_PASSWORD, DEMO_USERS } from './data';

/** A stable UUID (version 4 layout) derived from a name, so re-seeding re-uses client ids. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(`tradewind-demo:${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SeedReport {
  usersCreated: number;
  messagesCreated: number;
}

export async function seedDemo(ctx: ServerContext): Promise<SeedReport> {
  const report: SeedReport = { usersCreated: 0, messagesCreated: 0 };
  for (const u of DEMO_USERS) {
    if (await getUser(ctx.db, u.memberId)) continue;
    await createUser(
      ctx.db,
      { ...u, password: DEMO_PASSWORD, memberSince: new Date(u.memberSince) },
      ctx.now(),
    );
    report.usersCreated++;
  }

  const seedTime = ctx.now();
  for (const c of DEMO_CONVERSATIONS) {
    for (const [owner, other] of [
      [DEMO_BUYER, c.seller],
      [c.seller, DEMO_BUYER],
    ] as const) {
      await ctx.db.query(
        `insert into contacts (owner_id, contact_id, listed, blocked, added_at) values ($1, $2, true, false, $3)
         on conflict (owner_id, contact_id) do nothing`,
        [owner, other, new Date(seedTime.getTime() - (c.daysAgo + 1) * 86_400_000)],
      );
    }
    const start = seedTime.getTime() - c.daysAgo * 86_400_000;
    let lastSeq = 0;
    let conversationId = '';
    for (const [i, m] of c.messages.entries()) {
      const sender = m.from === 'buyer' ? DEMO_BUYER : c.seller;
      const to = m.from === 'buyer' ? c.seller : DEMO_BUYER;
      // The message service stamps messages with ctx.now(); the history is backdated.
      const at = new Date(start + m.at * 60_000);
      const { message, duplicate } = await sendMessage({ ...ctx, now: () => at }, sender, {
        to,
        clientId: stableUuid(`${c.seller}:${i}`),
        text: m.text,
        lang: m.lang,
        attachments: [],
        order: m.order,
      });
      if (!duplicate) report.messagesCreated++;
      lastSeq = message.seq;
      conversationId = message.conversationId;
    }
    // Everything is delivered to both; the seller read everything, the buyer left some unread.
    await recordReceipt(ctx.db, conversationId, c.seller, 'read', lastSeq);
    await recordReceipt(ctx.db, conversationId, DEMO_BUYER, 'delivered', lastSeq);
    if (c.buyerRead > 0)
      await recordReceipt(ctx.db, conversationId, DEMO_BUYER, 'read', Math.min(c.buyerRead, lastSeq));
  }
  await seedGroups(ctx);
  await storeDemoTranslations(ctx.db, demoTranslations());
  ctx.logger.info('demo data ready', { ...report });
  return report;
}

/** The translations that come with the demo messages, for the translation cache. */
function demoTranslations(): DemoTranslation[] {
  return DEMO_CONVERSATIONS.flatMap((c) =>
    c.messages.flatMap((m) =>
      Object.entries(m.translations ?? {}).map(([targetLang, translated]) => ({
        text: m.text,
        sourceLang: m.lang,
        targetLang,
        translated,
      })),
    ),
  );
}

/**
 * The demo buyer's contact tree: her groups, a favourite and a private note, made through the
 * same group service as the app's own edits. A group that already exists is left as the user
 * changed it (its create is a retry, and nothing else runs for it).
 */
async function seedGroups(ctx: ServerContext): Promise<void> {
  for (const [position, g] of DEMO_GROUPS.entries()) {
    const created = await createGroup(ctx, DEMO_BUYER, {
      id: stableUuid(`group:${g.name}`),
      name: g.name,
      position,
    });
    if (!created.changed) continue;
    await moveContacts(ctx, DEMO_BUYER, {
      memberIds: g.members,
      groupId: created.group.id,
      baseVersion: created.version,
    });
    for (const memberId of g.favourites ?? []) {
      await pinContact(ctx, DEMO_BUYER, { memberId, pinned: true, baseVersion: created.version });
    }
    for (const [memberId, note] of Object.entries(g.notes ?? {})) {
      await noteContact(ctx, DEMO_BUYER, { memberId, note, baseVersion: created.version, baseNote: '' });
    }
  }
}
