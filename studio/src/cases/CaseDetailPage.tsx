import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Result, Row, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRemote } from '../api/use-remote';
import { useSignedIn } from '../identity/session';
import { caseActions } from './case-actions';
import { CaseDialog, type Dialog } from './CaseDialog';
import { CaseDiagramView } from './CaseDiagramView';
import { CaseFilesContext } from './case-files';
import { CaseHeader } from './CaseHeader';
import { DocumentsCard } from './DocumentsCard';
import { NotificationsCard } from '../notifications/NotificationsCard';
import { FormDataCard } from './FormDataCard';
import { MaterialsCard } from './MaterialsCard';
import { PenaltyCard } from './PenaltyCard';
import { TrailCard } from './TrailCard';
import type { CaseDetail } from './types';
import { useAct } from './use-act';
import { useBook } from './use-book';
import { WorkItemsCard } from './WorkItemsCard';

/** Statuses in which a case takes no more files. */
const ENDED = new Set(['concluded', 'refused', 'withdrawn', 'terminated']);

/** 办件详情 (RUN-2 … RUN-8): the case, its diagram, its steps, what the user may do, its trail. */
export function CaseDetailPage() {
  const { id } = useParams();
  const { me } = useSignedIn();
  const remote = useRemote<CaseDetail>(id ? `/api/cases/${encodeURIComponent(id)}` : undefined);
  const detail = remote.data?.id === id ? remote.data : undefined;
  const loaded = useBook(detail);
  const book = loaded?.book;
  const { act, problem, clearProblem } = useAct(detail, remote.reload);
  const [dialog, setDialog] = useState<Dialog>();
  const actions = useMemo(
    () => (detail && book ? caseActions(me.user, detail.state, book) : undefined),
    [detail, book, me.user],
  );

  if (remote.error && !detail) {
    return (
      <Result
        status={remote.error.status === 404 ? '404' : 'error'}
        title={remote.error.message}
        extra={<Link to="/work">返回工作台</Link>}
      />
    );
  }
  if (!detail) return <Card loading />;

  const a = actions?.acceptance;
  // 立案处罚 (RUN-17): an inspection whose findings show a violation leads to a penalty case.
  const inspection =
    (book?.procedure ?? detail.state.exOfficio?.procedure) === 'inspection' &&
    detail.state.forms.some((f) => ['yes', true].includes(f.values.violationFound as string));
  const buttons = [
    inspection && (
      <Link key="open-penalty" to={`/work/open?from=${encodeURIComponent(detail.id)}`}>
        <Button type="primary" tabIndex={-1}>
          立案处罚
        </Button>
      </Link>
    ),
    actions?.preReview && (
      <Button
        key="pre-pass"
        type="primary"
        onClick={() => setDialog({ kind: 'preReview', decision: 'pass' })}
      >
        预审通过
      </Button>
    ),
    actions?.preReview && (
      <Button key="pre-return" onClick={() => setDialog({ kind: 'preReview', decision: 'return' })}>
        预审退回
      </Button>
    ),
    a?.accept && (
      <Button
        key="accept"
        type="primary"
        onClick={() => setDialog({ kind: 'accept', workItemId: a.workItemId })}
      >
        受理
      </Button>
    ),
    a?.correction && (
      <Button
        key="correction"
        onClick={() =>
          setDialog({ kind: 'correction', workItemId: a.workItemId, phase: 'acceptance' })
        }
      >
        补正告知
      </Button>
    ),
    a && (
      <Button
        key="refuse"
        danger
        onClick={() => setDialog({ kind: 'refuse', workItemId: a.workItemId })}
      >
        不予受理
      </Button>
    ),
    actions?.supply && (
      <Button key="supply" onClick={() => setDialog({ kind: 'supply' })}>
        补正材料
      </Button>
    ),
    actions?.resume && (
      <Button key="resume" type="primary" onClick={() => setDialog({ kind: 'resume' })}>
        恢复办理
      </Button>
    ),
    actions?.urge && (
      <Button key="urge" onClick={() => setDialog({ kind: 'urge' })}>
        催办
      </Button>
    ),
    actions?.recordFee && (
      <Button key="recordFee" onClick={() => setDialog({ kind: 'recordFee' })}>
        登记收费
      </Button>
    ),
    actions?.withdraw && (
      <Button key="withdraw" onClick={() => setDialog({ kind: 'withdraw' })}>
        撤回
      </Button>
    ),
    actions?.terminate && (
      <Button key="terminate" danger onClick={() => setDialog({ kind: 'terminate' })}>
        终止
      </Button>
    ),
  ].filter(Boolean);

  return (
    <PageContainer
      title={detail.state.caseName}
      subTitle={detail.state.caseNo ?? detail.state.applicationNo}
      onBack={() => history.back()}
      extra={
        <Space>
          <Link to={`/cases/${encodeURIComponent(detail.id)}/replay`}>回放</Link>
          <Space data-testid="case-actions">{buttons}</Space>
        </Space>
      }
    >
      {problem && (
        <Alert
          type={problem.stale ? 'warning' : 'error'}
          showIcon
          closable
          onClose={clearProblem}
          style={{ marginBottom: 16 }}
          data-testid="case-problem"
          message={problem.stale ? '办件已被他人更新，已重新载入最新状态' : '操作未能完成'}
          description={problem.text}
        />
      )}
      {loaded?.error && (
        <Alert type="error" showIcon message={loaded.error} style={{ marginBottom: 16 }} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <CaseHeader detail={detail} internal={!!book?.prepared.def.internal} />
      </Card>
      {detail.state.penalty && (
        <PenaltyCard penalty={detail.state.penalty} benchmarks={book?.discretion ?? []} />
      )}
      <CaseDiagramView xml={book?.xml} active={detail.diagram.active} done={detail.diagram.done} />
      {/* A step form's file fields upload to this case; the case reloads with its new version. */}
      <CaseFilesContext.Provider value={{ caseId: detail.id, uploaded: remote.reload }}>
        {book && actions ? (
          <WorkItemsCard detail={detail} book={book} actions={actions} act={act} open={setDialog} />
        ) : (
          <Card loading style={{ marginBottom: 16 }} />
        )}
      </CaseFilesContext.Provider>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <MaterialsCard
            caseId={detail.id}
            version={detail.version}
            canUpload={!ENDED.has(detail.state.status)}
            onUploaded={remote.reload}
          />
          {book && <FormDataCard caseId={detail.id} forms={detail.state.forms} book={book} />}
        </Col>
        <Col xs={24} xl={10}>
          <DocumentsCard caseId={detail.id} version={detail.version} />
          <TrailCard caseId={detail.id} trail={detail.trail} />
          <NotificationsCard caseId={detail.id} version={detail.version} />
        </Col>
      </Row>
      {dialog && book && (
        <CaseDialog
          dialog={dialog}
          detail={detail}
          book={book}
          act={act}
          onClose={() => setDialog(undefined)}
        />
      )}
    </PageContainer>
  );
}
