import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { FieldBox } from '../comments';
import { newId } from '../types';

/** 行使依据, highest rank first (table A1). */
export function LegalBasisSection({ mayEdit }: { mayEdit: boolean }) {
  const form = Form.useFormInstance();
  return (
    <>
      <Card title="行使依据" size="small" style={{ marginBottom: 16 }}>
        <FieldBox path="legalBasis">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            按效力等级由高到低排列：法律、行政法规、地方性法规、规章。
          </Typography.Paragraph>
          <Form.List name="legalBasis">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((f, i) => {
                  const entryId = form.getFieldValue(['legalBasis', f.name, 'id']) as string;
                  return (
                    <FieldBox key={f.key} path={`legalBasis[${entryId}]`} prefix>
                      <Card
                        size="small"
                        type="inner"
                        style={{ marginBottom: 8 }}
                        title={`依据 ${i + 1}`}
                        extra={
                          mayEdit && (
                            <Space>
                              <Button
                                size="small"
                                disabled={i === 0}
                                onClick={() => move(i, i - 1)}
                              >
                                上移
                              </Button>
                              <Button
                                size="small"
                                danger
                                icon={<DeleteOutlined />}
                                onClick={() => remove(f.name)}
                              />
                            </Space>
                          )
                        }
                      >
                        <Row gutter={12}>
                          <Col span={14}>
                            <Form.Item name={[f.name, 'title']} label="法律法规名称">
                              <Input placeholder="如：《安全生产许可证条例》" />
                            </Form.Item>
                          </Col>
                          <Col span={10}>
                            <Form.Item name={[f.name, 'article']} label="具体条款">
                              <Input placeholder="如：第二条" />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Form.Item
                          name={[f.name, 'text']}
                          label="条款内容"
                          style={{ marginBottom: 0 }}
                        >
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                        </Form.Item>
                      </Card>
                    </FieldBox>
                  );
                })}
                {mayEdit && (
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => add({ id: newId(), title: '', article: '', text: '' })}
                  >
                    添加依据
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </FieldBox>
      </Card>
    </>
  );
}
