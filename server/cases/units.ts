import type { Unit, UnitModel } from '../organisation/unit-model';

export interface UnitInfo {
  id: string;
  name: string;
  kind: Unit['kind'];
  countyId?: string;
  departmentId?: string;
  divisionCode?: string;
}

/**
 * The organisation's units by id, kept in memory: every command maps the units a case passes
 * through to their departments (access), and the tree changes rarely. An unknown id reloads it.
 */
export class UnitDirectory {
  private units = new Map<string, UnitInfo>();
  private loading: Promise<void> | null = null;
  private loadedAt = 0;

  constructor(private readonly model: UnitModel) {}

  async get(id: string): Promise<UnitInfo | undefined> {
    if (!this.units.has(id) && Date.now() - this.loadedAt > 5_000) await this.reload();
    return this.units.get(id);
  }

  /** The department (or township) whose branch a unit is in; the unit itself if unknown. */
  async departmentOf(id: string): Promise<string> {
    return (await this.get(id))?.departmentId ?? id;
  }

  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    const rows = await this.model.find({}).lean<Unit[]>().exec();
    this.units = new Map(
      rows.map((u) => [
        String(u._id),
        {
          id: String(u._id),
          name: u.name,
          kind: u.kind,
          ...(u.countyId ? { countyId: String(u.countyId) } : {}),
          ...(u.departmentId ? { departmentId: String(u.departmentId) } : {}),
          ...(u.divisionCode ? { divisionCode: u.divisionCode } : {}),
        },
      ]),
    );
    this.loadedAt = Date.now();
  }
}
