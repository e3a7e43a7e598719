import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { FieldBox } from '../comments';
import { options } from './fields';
import { MATERIAL_MEDIUM_LABELS, MATERIAL_ORIGINAL_LABELS, newId } from '../types';

/** 受理条件 and the materials list (FORM-2). */
export function MaterialsSection({ mayEdit }: { mayEdit: boolean }) {
  const form = Form.useFormInstance();
  return (
    <>
      <Card title="受理条件" size="small" style={{ marginBottom: 16 }}>
        <FieldBox path="acceptanceConditions">
          <Form.Item name="acceptanceConditions" style={{ marginBottom: 12 }}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              aria-label="受理条件"
              placeholder="申请人应当具备的条件"
            />
          </Form.Item>
        </FieldBox>
      </Card>

      <Card title="申报材料" size="small" style={{ marginBottom: 16 }}>
        <FieldBox path="materials">
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.length > 0 && (
                  <Row gutter={8} style={{ fontWeight: 500, marginBottom: 4 }}>
                    <Col span={6}>材料名称</Col>
                    <Col span={3}>格式</Col>
                    <Col span={3}>原件/复印件</Col>
                    <Col span={2}>份数</Col>
                    <Col span={3}>纸质/电子</Col>
                    <Col span={4}>提交方式</Col>
                    <Col span={2}>必需</Col>
                    <Col span={1} />
                  </Row>
                )}
                {fields.map((f) => {
                  const entryId = form.getFieldValue(['materials', f.name, 'id']) as string;
                  return (
                    <FieldBox key={f.key} path={`materials[${entryId}]`} prefix>
                      <Row gutter={8} data-testid="material-row">
                        <Col span={6}>
                          <Form.Item name={[f.name, 'name']} style={{ marginBottom: 8 }}>
                            <Input aria-label="材料名称" />
                          </Form.Item>
                        </Col>
                        <Col span={3}>
                          <Form.Item name={[f.name, 'format']} style={{ marginBottom: 8 }}>
                            <Input placeholder="A4" aria-label="格式" />
                          </Form.Item>
                        </Col>
                        <Col span={3}>
                          <Form.Item name={[f.name, 'originalOrCopy']} style={{ marginBottom: 8 }}>
                            <Select options={options(MATERIAL_ORIGINAL_LABELS)} />
                          </Form.Item>
                        </Col>
                        <Col span={2}>
                          <Form.Item name={[f.name, 'count']} style={{ marginBottom: 8 }}>
                            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col span={3}>
                          <Form.Item name={[f.name, 'medium']} style={{ marginBottom: 8 }}>
                            <Select options={options(MATERIAL_MEDIUM_LABELS)} />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name={[f.name, 'submission']} style={{ marginBottom: 8 }}>
                            <Input placeholder="窗口或网上提交" />
                          </Form.Item>
                        </Col>
                        <Col span={2}>
                          <Form.Item
                            name={[f.name, 'required']}
                            valuePropName="checked"
                            style={{ marginBottom: 8 }}
                          >
                            <Checkbox />
                          </Form.Item>
                        </Col>
                        <Col span={1}>
                          {mayEdit && (
                            <Button
                              danger
                              type="text"
                              icon={<DeleteOutlined />}
                              aria-label="删除材料"
                              onClick={() => remove(f.name)}
                            />
                          )}
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
                    style={{ marginBottom: 12 }}
                    onClick={() =>
                      add({
                        id: newId(),
                        name: '',
                        format: '',
                        originalOrCopy: 'original',
                        count: 1,
                        medium: 'paper',
                        submission: '窗口提交',
                        required: true,
                      })
                    }
                  >
                    添加材料
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
