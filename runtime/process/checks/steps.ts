import type { CompiledProcess } from '../compiled';
import { problem, type ProcessProblem } from '../problems';
import type { VerificationContext } from './context';
import { describeNode } from './describe';

const formNamed = (context: VerificationContext, key: string) =>
  Object.prototype.hasOwnProperty.call(context.forms, key) ? context.forms[key] : undefined;

/**
 * A step's settings against the item (PROC-2): its posts exist, its form exists, and its field
 * permissions name fields of that form (the application form when the step names none).
 */
export function stepProblems(
  compiled: CompiledProcess,
  context: VerificationContext,
): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const posts = context.posts ? new Set(context.posts) : undefined;
  const application = compiled.applicationForm;
  if (application && !formNamed(context, application)) {
    problems.push(
      problem('county/step-form', `流程绑定的申请表单「${application}」不存在`, compiled.processId),
    );
  }
  for (const node of compiled.nodes) {
    if (node.kind !== 'userTask') continue;
    const at = describeNode(node);
    for (const post of node.step.posts) {
      if (posts && post.postId && !posts.has(post.postId)) {
        const name = post.name ? `「${post.name}」` : '';
        problems.push(
          problem('county/post-known', `${at}的岗位${name}(${post.postId})不存在或已撤销`, node.id),
        );
      }
    }
    const formKey = node.step.form ?? application;
    if (node.step.form && !formNamed(context, node.step.form)) {
      problems.push(
        problem('county/step-form', `${at}使用的表单「${node.step.form}」不存在`, node.id),
      );
      continue;
    }
    const fields = formKey ? formNamed(context, formKey) : undefined;
    if (!fields) {
      if (!formKey && node.step.fieldPermissions.length > 0) {
        problems.push(
          problem(
            'county/field-permission',
            `${at}设置了字段权限，但流程和环节都没有绑定表单`,
            node.id,
          ),
        );
      }
      continue;
    }
    const keys = new Set(fields.map((f) => f.key));
    for (const { field } of node.step.fieldPermissions) {
      if (field && !keys.has(field)) {
        problems.push(
          problem(
            'county/field-permission',
            `${at}对字段「${field}」设置了权限，但表单「${formKey}」中没有这个字段`,
            node.id,
          ),
        );
      }
    }
  }
  return problems;
}
