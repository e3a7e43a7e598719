import { Form, Radio } from 'antd';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

interface Values {
  decision: 'pass' | 'return';
  reasons?: string;
  opinion?: string;
}

/** 预审 (RUN-1): an online application passes to 待受理, or goes back with reasons, one a line. */
export function PreReviewModal(props: {
  act: Act;
  onClose: () => void;
  decision: 'pass' | 'return';
}) {
  return (
    <ActionModal<Values>
      title="预审"
      okText="确定"
      done="预审已完成"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ decision: props.decision }}
      toCommand={(v) =>
        v.decision === 'return'
          ? {
              type: 'preReview',
              decision: 'return',
              reasons: (v.reasons ?? '')
                .split('\n')
                .map((r) => r.trim())
                .filter(Boolean),
            }
          : { type: 'preReview', decision: 'pass', ...optional('opinion', v.opinion) }
      }
    >
      <Form.Item name="decision" label="预审结论">
        <Radio.Group
          options={[
            { value: 'pass', label: '通过（转待受理）' },
            { value: 'return', label: '退回申请人修改' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'return' ? (
            <TextItem name="reasons" label="退回理由（每行一条）" required max={2000} />
          ) : (
            <TextItem name="opinion" label="预审意见" />
          )
        }
      </Form.Item>
    </ActionModal>
  );
}
