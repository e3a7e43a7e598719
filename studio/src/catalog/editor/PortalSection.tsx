import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Switch, Typography } from 'antd';
import { FieldBox } from '../comments';
import { newId } from '../types';

/**
 * What the public portal shows beside table A1 (CAT-1, CAT-11, POR-3): the FAQ, the link to
 * online handling, and whether concluded cases are published (POR-8).
 */
export function PortalSection({ mayEdit, itemId }: { mayEdit: boolean; itemId?: string }) {
  return (
    <Card
      title="门户信息"
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        itemId && (
          <Button
            size="small"
            href={`/api/items/${itemId}/portal-preview`}
            target="_blank"
            rel="noopener"
          >
            门户预览
          </Button>
        )
      }
    >
      <Row gutter={16}>
        <Col span={16}>
          <FieldBox path="onlineUrl">
            <Form.Item
              name="onlineUrl"
              label="在线办理链接"
              rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: '应以 http:// 或 https:// 开头' }]}
            >
              <Input maxLength={500} placeholder="https://…（留空则显示本平台的网上申请入口）" />
            </Form.Item>
          </FieldBox>
        </Col>
        <Col span={8}>
          <FieldBox path="publishResults">
            <Form.Item name="publishResults" label="公示办结结果" valuePropName="checked">
              <Switch checkedChildren="公示" unCheckedChildren="不公示" />
            </Form.Item>
          </FieldBox>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        行政许可、行政处罚的办结结果总是公示；其他事项打开「公示办结结果」后公示。
      </Typography.Paragraph>
      <FieldBox path="faq">
        <Form.List name="faq">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  type="inner"
                  style={{ marginBottom: 8 }}
                  title={`常见问题 ${i + 1}`}
                  extra={
                    mayEdit && (
                      <Button
                        size="small"
                        danger
                        aria-label="删除该问题"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                      />
                    )
                  }
                >
                  <Form.Item name={[f.name, 'question']} label="问题">
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'answer']} label="解答" style={{ marginBottom: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
                  </Form.Item>
                </Card>
              ))}
              {mayEdit && (
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add({ id: newId(), question: '', answer: '' })}
                >
                  添加常见问题
                </Button>
              )}
            </>
          )}
        </Form.List>
      </FieldBox>
    </Card>
  );
}
