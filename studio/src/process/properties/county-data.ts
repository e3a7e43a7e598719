import type EventBus from 'diagram-js/lib/core/EventBus';

export interface PostOption {
  id: string;
  name: string;
  unitName?: string;
  /** The department (or township) the post belongs to. */
  departmentId?: string;
  /** A township's post (a 便民服务中心 window): offered where 基层受理 and 基层反馈 happen. */
  township?: boolean;
  /** The item's own department's post. */
  own?: boolean;
}

export interface FormOption {
  key: string;
  name: string;
  fields: { key: string; label: string }[];
}

export interface UnitOption {
  id: string;
  name: string;
}

/**
 * What the panel offers to choose from (the county's posts, the item's forms, departments for
 * 联办), handed in by the page; the panel redraws when it changes.
 */
export class CountyData {
  static $inject = ['eventBus'];

  posts: PostOption[] = [];
  forms: FormOption[] = [];
  units: UnitOption[] = [];

  constructor(private readonly eventBus: EventBus) {}

  set(data: Partial<Pick<CountyData, 'posts' | 'forms' | 'units'>>): void {
    Object.assign(this, data);
    this.eventBus.fire('propertiesPanel.providersChanged');
  }
}
