import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { FieldBox } from '../comments';
import { dateProps, options } from './fields';
import { DISCRETION_LEVELS, newId, PENALTY_KINDS, type ItemType } from '../types';

/** Fields only some types have: 处罚, 强制, 奖励 (CAT-2). */
export function TypeSections({ type, mayEdit }: { type?: ItemType; mayEdit: boolean }) {
  const form = Form.useFormInstance();
  return (
    <>
      {type === 'CF' && (
        <Card title="行政处罚" size="small" style={{ marginBottom: 16 }}>
          <FieldBox path="penalty.kinds">
            <Form.Item name={['penalty', 'kinds']} label="处罚种类" required>
              <Select mode="tags" options={PENALTY_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </FieldBox>
          <FieldBox path="penalty.discretion">
            <Typography.Text strong>自由裁量基准</Typography.Text>
            <Form.List name={['penalty', 'discretion']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => {
                    const entryId = form.getFieldValue([
                      'penalty',
                      'discretion',
                      f.name,
                      'id',
                    ]) as string;
                    return (
                      <FieldBox key={f.key} path={`penalty.discretion[${entryId}]`} prefix>
                        <Row gutter={8} style={{ marginTop: 8 }} data-testid="discretion-row">
                          <Col span={10}>
                            <Form.Item name={[f.name, 'violation']} style={{ marginBottom: 8 }}>
                              <Input placeholder="违法行为" maxLength={300} />
                            </Form.Item>
                          </Col>
                          <Col span={4}>
                            <Form.Item name={[f.name, 'level']} style={{ marginBottom: 8 }}>
                              <Select
                                placeholder="情节"
                                allowClear
                                options={options(DISCRETION_LEVELS)}
                                aria-label="违法情节等级"
                              />
                            </Form.Item>
                          </Col>
                          <Col span={9}>
                            <Form.Item name={[f.name, 'circumstance']} style={{ marginBottom: 8 }}>
                              <Input placeholder="具体情节" />
                            </Form.Item>
                          </Col>
                          <Col span={1}>
                            {mayEdit && (
                              <Button
                                danger
                                type="text"
                                icon={<DeleteOutlined />}
                                aria-label="删除基准"
                                onClick={() => remove(f.name)}
                              />
                            )}
                          </Col>
                          <Col span={12}>
                            <Form.Item name={[f.name, 'penalty']} style={{ marginBottom: 8 }}>
                              <Input placeholder="处罚标准" />
                            </Form.Item>
                          </Col>
                          <Col span={11}>
                            <Space.Compact>
                              <Form.Item name={[f.name, 'fineRange', 'min']} noStyle>
                                <InputNumber
                                  min={0}
                                  placeholder="罚款下限（元）"
                                  style={{ width: 150 }}
                                />
                              </Form.Item>
                              <Form.Item name={[f.name, 'fineRange', 'max']} noStyle>
                                <InputNumber
                                  min={0}
                                  placeholder="上限（元）"
                                  style={{ width: 130 }}
                                />
                              </Form.Item>
                            </Space.Compact>
                          </Col>
                        </Row>
                      </FieldBox>
                    );
                  })}
                  {mayEdit && (
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      style={{ margin: '8px 0 12px' }}
                      onClick={() => add({ id: newId(), circumstance: '', penalty: '' })}
                    >
                      添加裁量基准
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </FieldBox>
          <Form.Item
            name={['penalty', 'publishResults']}
            label="处罚结果公开"
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Card>
      )}
      {type === 'QZ' && (
        <Card title="行政强制" size="small" style={{ marginBottom: 16 }}>
          <FieldBox path="coercion.procedure">
            <Form.Item name={['coercion', 'procedure']} label="强制程序" required>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
            </Form.Item>
          </FieldBox>
        </Card>
      )}
      {type === 'JL' && (
        <Card title="行政奖励" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={8}>
              <FieldBox path="reward.effectiveDate">
                <Form.Item
                  name={['reward', 'effectiveDate']}
                  label="生效时间"
                  required
                  {...dateProps}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </FieldBox>
            </Col>
            <Col span={8}>
              <FieldBox path="reward.expiryDate">
                <Form.Item name={['reward', 'expiryDate']} label="失效时间" {...dateProps}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </FieldBox>
            </Col>
            <Col span={8}>
              <Form.Item
                name={['reward', 'publishResults']}
                label="结果公开"
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      )}
    </>
  );
}
