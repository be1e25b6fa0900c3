import { describe, expect, it } from 'vitest';
import { buildTree, flattenTree, leavesOf } from './item-tree.ts';

const items = [
  { id: 'b', parentId: null, position: 1 },
  { id: 'a', parentId: null, position: 0 },
  { id: 'a2', parentId: 'a', position: 1 },
  { id: 'a1', parentId: 'a', position: 0 },
  { id: 'a1x', parentId: 'a1', position: 0 },
];

describe('buildTree', () => {
  it('nests children under parents in printed order, with depths', () => {
    const roots = buildTree(items);
    expect(roots.map((r) => r.id)).toEqual(['a', 'b']);
    expect(roots[0]?.children.map((c) => c.id)).toEqual(['a1', 'a2']);
    expect(roots[0]?.children[0]?.children[0]?.depth).toBe(2);
  });
  it('treats an item whose parent is missing as a root', () => {
    expect(buildTree([{ id: 'x', parentId: 'gone', position: 0 }]).map((r) => r.id)).toEqual(['x']);
  });
  it('flattens depth-first and finds leaves', () => {
    const roots = buildTree(items);
    expect(flattenTree(roots).map((n) => n.id)).toEqual(['a', 'a1', 'a1x', 'a2', 'b']);
    const a = roots[0];
    if (!a) throw new Error('no root');
    expect(leavesOf(a).map((n) => n.id)).toEqual(['a1x', 'a2']);
  });
});
