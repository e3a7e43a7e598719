import { describe, is } from '../../moddle';
import { readStepConfig } from '../../step-config';
import { countyRule } from '../types';

/**
 * Every step names the posts that handle it (PROC-2). A template cannot know a county's posts,
 * so a new diagram starts with this problem until posts are assigned.
 */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:UserTask')) return;
  const config = readStepConfig(node);
  const posts = config.posts;
  // The unit a 督办 or complaint is about is named when it starts: its leading posts handle it.
  if (config.handledBy === 'target' && posts.length === 0) return;
  if (posts.length === 0) report(node, `${describe(node)}未指定办理岗位`);
  else if (posts.some((p) => !p.postId)) report(node, `${describe(node)}有岗位缺少岗位编号`);
  else if (new Set(posts.map((p) => p.postId)).size < posts.length)
    report(node, `${describe(node)}重复指定了同一岗位`);
});
