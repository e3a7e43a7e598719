import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Popconfirm, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { canOn } from '../identity/ability';
import { useSignedIn } from '../identity/session';
import { CommentsContext } from './comments';
import { CompletenessPanel } from './CompletenessPanel';
import { ItemContentView } from './ItemContentView';
import { ItemHeader, useItem } from './item-header';
import { ReasonModal } from './ReasonModal';
import { scopeOf, type CatalogItem, type ItemComment } from './types';

type Dialog = { kind: 'comment'; field: string; label: string } | { kind: 'return' };

/** 审核: the draft read-only, comments per field, return with a reason or approve (CAT-5, CAT-8). */
export function ItemReviewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { ability } = useSignedIn();
  const { item, setItem, error, reload } = useItem(id);
  const [dialog, setDialog] = useState<Dialog>();
  const [actionError, setActionError] = useState<string>();
  const [approved, setApproved] = useState<CatalogItem>();

  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!item) return <Card loading />;

  const reviewing = item.status === 'submitted';
  const mayComment = reviewing && canOn(ability, 'comment', 'Item', scopeOf(item));
  const mayDecide = reviewing && canOn(ability, 'approve', 'Item', scopeOf(item));
  const open = item.comments.filter((c) => !c.resolved);
  const change = item.pendingChange?.kind;
  const retires = change === 'cancel' || change === 'delegate' || change === 'split';
  const agree = change === 'delegate' ? '同意下放' : change === 'split' ? '同意拆分' : '同意取消';

  // 试运行 (OPS-5): approved for trial, or moved on to formal operation.
  const inTrial = item.status === 'approved' && !!item.trial;
  const mayFormal = inTrial && canOn(ability, 'approve', 'Item', scopeOf(item));

  async function toFormal() {
    setActionError(undefined);
    try {
      const done = await api.post<CatalogItem>(`/api/items/${item!.id}/formal`, {
        version: item!.version,
      });
      setItem(done);
      void message.success('已转入正式运行');
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  async function approve(trial = false) {
    setActionError(undefined);
    try {
      const done = await api.post<CatalogItem>(`/api/items/${item!.id}/approve`, {
        version: item!.version,
        ...(trial ? { trial: true } : {}),
      });
      setItem(done);
      setApproved(done);
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  async function onText(text: string) {
    if (dialog?.kind === 'comment') {
      await api.post<ItemComment>(`/api/items/${item!.id}/comments`, { field: dialog.field, text });
      void message.success('已批注');
      reload();
    } else {
      const returned = await api.post<CatalogItem>(`/api/items/${item!.id}/return`, {
        version: item!.version,
        reason: text,
      });
      setItem(returned);
      void message.success('已退回');
    }
    setDialog(undefined);
  }

  if (approved) {
    return (
      <PageContainer title={`审核：${approved.name}`}>
        <Card>
          <Result
            status="success"
            title={approved.status === 'cancelled' ? `已${agree}` : '审核通过'}
            subTitle={
              approved.status === 'cancelled'
                ? `原事项编码 ${approved.code ?? ''} 不再使用。` +
                  (approved.successorIds?.length
                    ? `已新设 ${approved.successorIds.length} 个事项并赋予新编码。`
                    : '')
                : `第 ${approved.currentVersion} 版已发布。`
            }
            extra={[
              <Button key="list" type="primary" onClick={() => navigate('/catalog')}>
                返回事项目录
              </Button>,
              <Link key="versions" to={`/catalog/${approved.id}/versions`}>
                <Button>版本历史</Button>
              </Link>,
            ]}
          >
            {approved.code && approved.status !== 'cancelled' && (
              <div style={{ textAlign: 'center' }}>
                <Typography.Text type="secondary">事项编码</Typography.Text>
                <Typography.Title
                  level={2}
                  copyable
                  data-testid="assigned-code"
                  style={{ marginTop: 4 }}
                >
                  {approved.code}
                </Typography.Title>
              </div>
            )}
          </Result>
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer
      title={`审核：${item.name || '未命名事项'}`}
      onBack={() => navigate('/catalog')}
      extra={[
        <Link key="edit" to={`/catalog/${item.id}`}>
          <Button>查看编辑页</Button>
        </Link>,
        <Link key="versions" to={`/catalog/${item.id}/versions`}>
          <Button>版本历史</Button>
        </Link>,
        mayDecide && (
          <Button key="return" danger onClick={() => setDialog({ kind: 'return' })}>
            退回
          </Button>
        ),
        mayDecide && (
          <Popconfirm
            key="approve"
            title={retires ? `${agree}？原事项编码将不再使用。` : '审核通过并发布？'}
            okText="确定"
            cancelText="取消"
            onConfirm={() => approve()}
          >
            <Button type="primary">{retires ? agree : '审核通过'}</Button>
          </Popconfirm>
        ),
        mayDecide && !retires && (
          <Popconfirm
            key="trial"
            title="批准试运行？试运行期间的办件不计入统计、不在门户公示，结束后须再批准转入正式运行。"
            okText="确定"
            cancelText="取消"
            onConfirm={() => approve(true)}
          >
            <Button>批准试运行</Button>
          </Popconfirm>
        ),
        mayFormal && (
          <Popconfirm
            key="formal"
            title="试运行结束，转入正式运行？"
            okText="确定"
            cancelText="取消"
            onConfirm={() => toFormal()}
          >
            <Button type="primary">转入正式运行</Button>
          </Popconfirm>
        ),
      ]}
    >
      <ItemHeader item={item} comments={open} />
      {!reviewing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            inTrial
              ? `该事项处于试运行中（第 ${item.trial!.version} 版起），可在试运行结束后转入正式运行。`
              : `该事项${item.statusLabel}，当前无需审核。`
          }
        />
      )}
      {actionError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={actionError} />
      )}
      <Row gutter={16} align="top">
        <Col xs={24} xl={17}>
          <CommentsContext.Provider value={open}>
            <ItemContentView
              content={item.draft}
              onComment={
                mayComment
                  ? (field, label) => setDialog({ kind: 'comment', field, label })
                  : undefined
              }
            />
          </CommentsContext.Provider>
        </Col>
        <Col xs={24} xl={7}>
          <div style={{ position: 'sticky', top: 72 }}>
            <CompletenessPanel itemId={item.id} round={item.version} item={item} />
          </div>
        </Col>
      </Row>
      {dialog && (
        <ReasonModal
          title={dialog.kind === 'comment' ? `批注：${dialog.label}` : `退回：${item.name}`}
          label={dialog.kind === 'comment' ? '审核意见' : '退回理由'}
          okText={dialog.kind === 'comment' ? '批注' : '退回'}
          onOk={onText}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </PageContainer>
  );
}
