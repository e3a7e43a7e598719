import { PageContainer } from '@ant-design/pro-components';
import { Alert, Card, Col, Row, Skeleton, Tag, Typography } from 'antd';
import { useRemote } from '../api/use-remote';
import { EVERYONE_MAY, ROLE_DESCRIPTIONS } from './roles';
import type { RoleInfo } from './types';

export function RolesPage() {
  const { data, error } = useRemote<{ items: RoleInfo[] }>('/api/roles');
  return (
    <PageContainer title="角色说明" subTitle="每个角色能做什么；一个用户可兼有多个角色">
      {error && <Alert type="error" showIcon message="角色加载失败" description={error.message} />}
      {!data && !error && <Skeleton active />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={`所有工作人员均可：${EVERYONE_MAY.join('；')}。`}
      />
      <Row gutter={[16, 16]}>
        {data?.items.map((role) => {
          const described = ROLE_DESCRIPTIONS[role.id];
          return (
            <Col key={role.id} xs={24} md={12} xl={8}>
              <Card
                title={role.label}
                extra={<Tag>{role.id}</Tag>}
                style={{ height: '100%' }}
                data-testid="role-card"
              >
                <Typography.Paragraph>{described?.summary}</Typography.Paragraph>
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {described?.abilities.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </Card>
            </Col>
          );
        })}
      </Row>
    </PageContainer>
  );
}
