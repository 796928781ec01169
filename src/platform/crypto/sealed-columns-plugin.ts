import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueNode,
} from "kysely";
import { SealError, type Sealer } from "./sealer.js";

/** Table name → the columns of it that hold personal data and are stored sealed (ID-7). */
export type SealedColumns = Readonly<Record<string, readonly string[]>>;

/** A query that would compare or write a sealed column in a way sealing cannot honour: a programming error. */
export class SealedColumnError extends Error {}

type Node = OperationNode & Record<string, unknown>;

const tableName = (node: unknown): string | undefined => {
  const n = node as Node | undefined;
  if (n?.kind === "TableNode") return ((n.table as Node).identifier as { name: string }).name;
  if (n?.kind === "AliasNode") return tableName(n.node);
  return undefined;
};

const columnName = (node: unknown): string | undefined => {
  const n = node as Node | undefined;
  if (n?.kind === "ColumnNode") return (n.column as { name: string }).name;
  if (n?.kind === "ReferenceNode") return columnName(n.column);
  return undefined;
};

/**
 * Seals the configured columns on every insert and update, and opens every sealed value in every
 * result (whatever its alias), so that repositories read and write plain values. Why our own: no
 * maintained Kysely plugin does field encryption; this one is a tree rewrite of two node kinds.
 *
 * A sealed column cannot be compared in SQL (each seal is different): a query doing so is refused
 * (`guard`), so a lookup must use the column's keyed hash instead.
 */
export interface SealingPlugin extends KyselyPlugin {
  readonly sealer: Sealer;
  /** The row with its sealed columns sealed: for writers building raw SQL, which the plugin does not see. */
  sealRow<R extends Record<string, unknown>>(table: string, row: R): R;
}

/** The sealer of the sealing plugin on `db` (or a transaction of it), if it has one. */
export function sealerOf(db: { getExecutor(): { plugins: readonly KyselyPlugin[] } }): Sealer | undefined {
  return sealingPluginOf(db)?.sealer;
}

export function sealingPluginOf(db: {
  getExecutor(): { plugins: readonly KyselyPlugin[] };
}): SealingPlugin | undefined {
  return db.getExecutor().plugins.find((p): p is SealingPlugin => "sealRow" in p);
}

export function sealedColumnsPlugin(sealer: Sealer, columns: SealedColumns, guard = true): SealingPlugin {
  const byTable = new Map(Object.entries(columns).map(([t, cs]) => [t, new Set(cs)]));

  const sealValue = (table: string, column: string, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (typeof value !== "string")
      throw new SealedColumnError(`${table}.${column} is sealed: write text, not ${typeof value}`);
    if (sealer.isSealed(value)) {
      try {
        sealer.open(value);
        return value; // sealed already (a migration, a copy of a sealed value)
      } catch {
        // text that only looks sealed: seal it like any other
      }
    }
    return sealer.seal(value);
  };
  const sealNode = (table: string, column: string, node: OperationNode): OperationNode => {
    const n = node as Node;
    if (n.kind === "ValueNode") return ValueNode.create(sealValue(table, column, n.value));
    throw new SealedColumnError(`${table}.${column} is sealed: write a value, not an SQL expression`);
  };
  const sealUpdates = (table: string, sealed: Set<string>, updates: readonly OperationNode[] | undefined) =>
    updates?.map((u) => {
      const update = u as Node;
      const column = columnName(update.column);
      return column && sealed.has(column)
        ? { ...update, value: sealNode(table, column, update.value as OperationNode) }
        : u;
    });

  function sealInsert(node: Node): Node {
    const table = tableName(node.into);
    const sealed = table ? byTable.get(table) : undefined;
    if (!table || !sealed) return node;
    const names = ((node.columns as OperationNode[] | undefined) ?? []).map(columnName);
    const at = names.map((name, i) => (name && sealed.has(name) ? i : -1)).filter((i) => i >= 0);
    let values = node.values as Node | undefined;
    if (at.length > 0 && values) {
      if (values.kind !== "ValuesNode")
        throw new SealedColumnError(`${table}: an insert from a query cannot seal ${names[at[0] ?? 0]}`);
      const items = (values.values as Node[]).map((item) => {
        if (item.kind === "PrimitiveValueListNode")
          return {
            ...item,
            values: (item.values as unknown[]).map((v, i) =>
              at.includes(i) ? sealValue(table, names[i] as string, v) : v,
            ),
          };
        return {
          ...item,
          values: (item.values as OperationNode[]).map((v, i) =>
            at.includes(i) ? sealNode(table, names[i] as string, v) : v,
          ),
        };
      });
      values = { ...values, values: items };
    }
    const onConflict = node.onConflict as Node | undefined;
    return {
      ...node,
      values,
      onConflict: onConflict && {
        ...onConflict,
        updates: sealUpdates(table, sealed, onConflict.updates as OperationNode[] | undefined),
      },
    };
  }

  function sealUpdate(node: Node): Node {
    const table = tableName(node.table);
    const sealed = table ? byTable.get(table) : undefined;
    if (!table || !sealed) return node;
    return { ...node, updates: sealUpdates(table, sealed, node.updates as OperationNode[] | undefined) };
  }

  /** Refuses `where sealed_column = …` (and any comparison) on the tables the query names. */
  function checkComparisons(root: Node): void {
    const tables = new Set<string>();
    const comparisons: Node[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const v of value) walk(v);
        return;
      }
      if (value === null || typeof value !== "object") return;
      const n = value as Node;
      if (n.kind === "TableNode") {
        const name = tableName(n);
        if (name) tables.add(name);
        return;
      }
      if (n.kind === "BinaryOperationNode") comparisons.push(n);
      if (n.kind === "ValueNode" || n.kind === "PrimitiveValueListNode") return;
      for (const key in n) if (key !== "kind") walk(n[key]);
    };
    walk(root);
    const forbidden = new Set<string>();
    for (const t of tables) for (const c of byTable.get(t) ?? []) forbidden.add(c);
    if (forbidden.size === 0) return;
    for (const c of comparisons) {
      // `is null` / `is not null` holds for a sealed column as for a plain one (null is never sealed).
      const operator = (c.operator as { operator?: string } | undefined)?.operator;
      const other = c.rightOperand as Node | undefined;
      if ((operator === "is" || operator === "is not") && other?.kind === "ValueNode" && other.value === null)
        continue;
      const name = columnName(c.leftOperand) ?? columnName(c.rightOperand);
      if (name && forbidden.has(name))
        throw new SealedColumnError(`${name} is sealed: compare its keyed hash column instead`);
    }
  }

  return {
    sealer,
    sealRow(table, row) {
      const sealed = byTable.get(table);
      if (!sealed) return row;
      const copy: Record<string, unknown> = { ...row };
      for (const column of sealed) if (column in copy) copy[column] = sealValue(table, column, copy[column]);
      return copy as typeof row;
    },
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      const n = node as unknown as Node;
      if (guard) checkComparisons(n);
      if (n.kind === "InsertQueryNode") return sealInsert(n) as unknown as RootOperationNode;
      if (n.kind === "UpdateQueryNode") return sealUpdate(n) as unknown as RootOperationNode;
      return node;
    },
    async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const rows = result.rows;
      let changed: UnknownRow[] | undefined;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as UnknownRow;
        let copy: UnknownRow | undefined;
        for (const key in row) {
          const value = row[key];
          if (typeof value !== "string" || !sealer.isSealed(value)) continue;
          let opened: string;
          try {
            opened = sealer.open(value);
          } catch (error) {
            // Text that only looks sealed (typed by someone into a plain column) stays as it is; a value
            // under one of our keys that does not open is tampering and fails loudly.
            if (error instanceof SealError && /does not have/.test(error.message)) continue;
            throw error;
          }
          copy ??= { ...row };
          copy[key] = opened;
        }
        if (copy) {
          changed ??= rows.slice();
          changed[r] = copy;
        }
      }
      return changed ? { ...result, rows: changed } : result;
    },
  };
}
