import { PageContainer } from '@ant-design/pro-components';
import { Alert, Card, Descriptions, Skeleton, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useSignedIn } from '../identity/session';

interface Health {
  status: 'ok';
  database: { status: 'up'; kind: 'embedded' | 'external'; latencyMs: number };
}

const databaseKind = { embedded: '内置数据库（FerretDB）', external: '外部 MongoDB' };

export function HomePage() {
  const [health, setHealth] = useState<Health>();
  const [error, setError] = useState<ApiError>();
  const { me } = useSignedIn();

  useEffect(() => {
    api.get<Health>('/healthz').then(setHealth, (e: ApiError) => setError(e));
  }, []);

  return (
    <PageContainer title="首页" subTitle="事项目录、流程设计、办件运行与电子监察">
      <Card title={`您好，${me.user.name}`} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          data-testid="current-user"
          items={[
            { key: 'unit', label: '所在单位', children: me.user.unitName || '—' },
            { key: 'staffNo', label: '工号', children: me.user.staffNo },
            {
              key: 'roles',
              label: '角色',
              children: me.user.roleLabels.length
                ? me.user.roleLabels.map((r) => <Tag key={r}>{r}</Tag>)
                : '无',
            },
          ]}
        />
      </Card>
      <Card title="系统状态">
        {error && (
          <Alert type="error" showIcon message="系统状态获取失败" description={error.message} />
        )}
        {!error && !health && <Skeleton active paragraph={{ rows: 2 }} />}
        {health && (
          <Descriptions column={1} data-testid="system-status">
            <Descriptions.Item label="服务">
              <Tag color="success">正常</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="数据库">
              <Tag color="success">可用</Tag>
              {databaseKind[health.database.kind]}，响应 {health.database.latencyMs} 毫秒
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </PageContainer>
  );
}
