import { ListGroup, SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types';
import type { PostOption } from '../county-data';
import type { Option } from '../entries';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { getConfig, getList, type ModdleObject } from '../extension';
import { itemId } from '../item-ids';
import { useConfigEditor, useCountyData } from '../use-config';
import type { GroupContext, GroupDefinition } from './types';

/**
 * The posts a step may name (issue 13: every department's 科长 were offered, eight times): the
 * item's department's, the 联办 unit's where the step names one, and townships' windows at the
 * first step (基层受理) and at a step handled by the accepting window (基层反馈, RUN-12).
 */
export function postsForStep(posts: PostOption[], element: Element): PostOption[] {
  const bo = getBusinessObject(element);
  const config = getConfig(element, 'county:StepConfig');
  const jointUnit = config?.get('unitId') as string | undefined;
  const first = ((bo.get('incoming') ?? []) as { sourceRef?: unknown }[]).some((f) =>
    is(f.sourceRef as Element, 'bpmn:StartEvent'),
  );
  const windows = first || config?.get('handledBy') === 'acceptingUnit';
  const known = posts.some((p) => p.own);
  return posts.filter(
    (p) =>
      !known || p.own || (!!jointUnit && p.departmentId === jointUnit) || (windows && p.township),
  );
}

/** The step's posts grouped by unit, for a `<select>` with option groups. */
function postOptions(all: PostOption[], element: Element, current?: ModdleObject): Option[] {
  const posts = postsForStep(all, element);
  const byUnit = new Map<string, Option[]>();
  for (const post of posts) {
    const unit = post.unitName ?? '其他';
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), { value: post.id, label: post.name }]);
  }
  const options: Option[] = [{ value: '', label: '请选择岗位' }];
  const id = current?.get('postId') as string | undefined;
  // A post deleted since it was chosen stays visible, so the clerk sees what to replace.
  if (id && !posts.some((p) => p.id === id)) {
    const other = all.find((p) => p.id === id);
    options.push({
      value: id,
      label: other
        ? `${other.name}（${other.unitName ?? '其他单位'}，不属于本事项部门）`
        : `${String(current?.get('name') ?? id)}（已不存在）`,
    });
  }
  for (const [unit, children] of byUnit) options.push({ value: unit, label: unit, children });
  return options;
}

function PostEntry(props: { element: Element; id: string; item: ModdleObject }) {
  const { element, id, item } = props;
  const editor = useConfigEditor(element);
  const data = useCountyData();
  return h(SelectEntry, {
    element,
    id,
    label: '岗位',
    getValue: () => item.get('postId') ?? '',
    setValue: (postId: string) => {
      const post = data.posts.find((p) => p.id === postId);
      // The name is kept beside the id so that the XML reads on its own.
      editor.setItem(item, { postId: postId || undefined, name: post?.name });
    },
    getOptions: () => postOptions(data.posts, element, item),
  });
}

function postLabel(post: ModdleObject, posts: PostOption[]): string {
  const id = post.get('postId') as string | undefined;
  if (!id) return '';
  const known = posts.find((p) => p.id === id);
  if (!known) return `${String(post.get('name') ?? id)}（已不存在）`;
  return known.unitName ? `${known.name}（${known.unitName}）` : known.name;
}

/** 办理岗位 (PROC-2): the posts whose staff handle this step. */
export function postsGroup({ element, data, editor }: GroupContext): GroupDefinition {
  const items = getList(element, 'county:StepConfig', 'posts').map((post) => {
    const id = itemId('county-post', post);
    return {
      id,
      label: postLabel(post, data.posts),
      entries: [
        { id: `${id}-post`, component: PostEntry, item: post, isEdited: isSelectEntryEdited },
      ],
      autoFocusEntry: `${id}-post`,
      remove: () => editor().remove('posts', post),
    };
  });
  return {
    id: 'county-posts',
    label: '办理岗位',
    component: ListGroup,
    items,
    add: (event) => {
      event.stopPropagation();
      editor().add('posts', 'county:PostRef');
    },
  };
}
