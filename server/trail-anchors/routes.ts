import { perMinuteLimit } from '../http/rate-limit';
import { z } from 'zod';
import { assertCanAny } from '../access/query';
import type { CaseService } from '../cases/service';
import type { Api } from '../http/api';
import { badRequest, notFound } from '../http/errors';
import { objectId, page } from '../http/schemas';
import { transparencyPage } from '../portal/transparency';
import type { TrailAnchors } from './anchors';
import type { AnchorDoc } from './models';
import { ANCHOR_SCHEME, anchorHash, statementOf } from './signing';

/** Requests per client address per minute on the public transparency routes. */
export const PUBLIC_RATE_LIMIT_PER_MINUTE = 120;

export const publicAnchor = (a: AnchorDoc) => ({
  no: a._id,
  at: a.at,
  leafCount: a.leafCount,
  root: a.root,
  prev: a.prev,
  signature: a.signature,
  hash: anchorHash(a),
  statement: statementOf(a),
});

/**
 * Anchoring on demand (administrators) and the public side of the anchors (RUN-7,
 * docs/transparency.md): the signed roots, the public key, a case's inclusion proof, and the
 * portal's 公开透明 page. What is public holds no personal data: case ids, numbers and hashes.
 */
export function trailAnchorRoutes(api: Api, anchors: TrailAnchors, cases: CaseService): void {
  // The count is kept in this process's memory, like the login limit (identity/rate-limit.ts).
  api.router.use(
    ['/api/transparency', '/portal/transparency'],
    perMinuteLimit(PUBLIC_RATE_LIMIT_PER_MINUTE),
  );

  api.route({
    method: 'post',
    path: '/api/trail-anchors',
    access: 'staff',
    summary: '立即锚定操作痕迹：对末端变化的办件计算默克尔根并以县级 SM2 密钥签名（管理员）',
    tags: ['公开透明'],
    response: { description: '新的锚定，或说明没有需要锚定的办件' },
    async handler({ auth, audit }) {
      assertCanAny(auth.ability, 'create', 'TrailAnchor', '锚定操作痕迹');
      const made = await anchors.anchorNow();
      audit({
        action: 'anchorTrails',
        resource: 'trailAnchor',
        resourceId: made ? String(made.no) : undefined,
        summary: made
          ? `锚定第 ${made.no} 号：${made.leafCount} 件办件`
          : '锚定：没有末端变化的办件',
      });
      return made
        ? { anchored: true, ...made }
        : { anchored: false, message: '自上次锚定以来没有办件的操作痕迹发生变化' };
    },
  });

  const list = z.strictObject({ page: page.page, pageSize: page.pageSize });
  api.route({
    method: 'get',
    path: '/api/transparency/anchors',
    access: 'public',
    summary: '已签名的操作痕迹锚定（最新在前）与验签公钥',
    tags: ['公开透明'],
    query: list,
    response: { description: '公钥与锚定列表' },
    async handler({ query }) {
      const [key, found] = await Promise.all([
        anchors.key(),
        anchors.page(query.page, query.pageSize),
      ]);
      return {
        scheme: ANCHOR_SCHEME,
        publicKey: key.publicKey,
        total: found.total,
        page: query.page,
        pageSize: query.pageSize,
        items: found.anchors.map(publicAnchor),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/transparency/proof',
    access: 'public',
    summary: '一件办件在各次锚定中的叶子与包含证明（按办件编号或办件标识）',
    tags: ['公开透明'],
    query: z.strictObject({
      caseNo: z.string().trim().min(1).max(64).optional(),
      caseId: objectId.optional(),
    }),
    response: { description: '叶子、证明与所在的锚定' },
    async handler({ query }) {
      if (!query.caseNo === !query.caseId) throw badRequest('请给出 caseNo 或 caseId 之一');
      await cases.whenReady();
      const caseId = query.caseId ?? cases.index.caseIdOf(query.caseNo!);
      const view = caseId ? cases.index.get(caseId) : undefined;
      if (!caseId || !view) throw notFound('没有这件办件');
      const [key, { records }] = await Promise.all([anchors.key(), anchors.records(caseId)]);
      return {
        caseId,
        caseNo: view.caseNo,
        publicKey: key.publicKey,
        records: records.map((r) => ({
          anchor: publicAnchor(r.anchor),
          leaf: r.leaf,
          leafIndex: r.leafIndex,
          leafHash: r.leafHash,
          proof: r.proof,
        })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/portal/transparency',
    access: 'public',
    summary: '公开透明：操作痕迹锚定的公钥和已签名的根（HTML 页面）',
    tags: ['公开透明'],
    query: z.strictObject({ page: page.page }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      const size = 20;
      const [key, found] = await Promise.all([anchors.key(), anchors.page(query.page, size)]);
      res
        .status(200)
        .type('html')
        .send(
          transparencyPage({
            publicKey: key.publicKey,
            total: found.total,
            page: query.page,
            pageSize: size,
            anchors: found.anchors.map(publicAnchor),
          }),
        );
    },
  });
}
