/** Builds the nested tree of a programme from its flat item list. */
export type TreeInput = { id: string; parentId: string | null; position: number };
export type TreeNode<T extends TreeInput> = T & { children: TreeNode<T>[]; depth: number };

export function buildTree<T extends TreeInput>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const item of items) nodes.set(item.id, { ...item, children: [], depth: 0 });
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byPosition = (a: TreeNode<T>, b: TreeNode<T>) => a.position - b.position;
  const visit = (list: TreeNode<T>[], depth: number) => {
    list.sort(byPosition);
    for (const node of list) {
      node.depth = depth;
      visit(node.children, depth + 1);
    }
  };
  visit(roots, 0);
  return roots;
}

/** The leaves under a node (the node itself when it has no children). */
export function leavesOf<T extends TreeInput>(node: TreeNode<T>): TreeNode<T>[] {
  if (node.children.length === 0) return [node];
  return node.children.flatMap((child) => leavesOf(child));
}

/** Depth-first order, as a reader goes down the printed document. */
export function flattenTree<T extends TreeInput>(roots: readonly TreeNode<T>[]): TreeNode<T>[] {
  return roots.flatMap((node) => [node, ...flattenTree(node.children)]);
}
