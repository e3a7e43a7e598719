import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** What a user sees on a page their roles do not open: a plain answer, no data, no crash. */
export function Forbidden() {
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title="无权访问"
        subTitle="您的角色没有使用此页面的权限。如需使用，请联系系统管理员。"
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    </div>
  );
}
