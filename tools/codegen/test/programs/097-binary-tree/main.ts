// A binary search tree: recursion over nullable object references, insert,
// lookup, in-order traversal with a callback, height, min/max, removal.
import { kprint } from '@unishyper/rt';

class TreeNode {
  key: number;
  left: TreeNode | null = null;
  right: TreeNode | null = null;
  constructor(key: number) {
    this.key = key;
  }
}

function insert(n: TreeNode | null, key: number): TreeNode {
  if (n === null) return new TreeNode(key);
  if (key < n.key) n.left = insert(n.left, key);
  else if (key > n.key) n.right = insert(n.right, key);
  return n;
}

function contains(n: TreeNode | null, key: number): boolean {
  if (n === null) return false;
  if (key === n.key) return true;
  return key < n.key ? contains(n.left, key) : contains(n.right, key);
}

function height(n: TreeNode | null): number {
  if (n === null) return 0;
  const l = height(n.left);
  const r = height(n.right);
  return 1 + (l > r ? l : r);
}

function inorder(n: TreeNode | null, visit: (key: number) => void): void {
  if (n === null) return;
  inorder(n.left, visit);
  visit(n.key);
  inorder(n.right, visit);
}

function minNode(n: TreeNode): TreeNode {
  let m = n;
  while (m.left !== null) m = m.left;
  return m;
}

function remove(n: TreeNode | null, key: number): TreeNode | null {
  if (n === null) return null;
  if (key < n.key) {
    n.left = remove(n.left, key);
  } else if (key > n.key) {
    n.right = remove(n.right, key);
  } else {
    if (n.left === null) return n.right;
    if (n.right === null) return n.left;
    const succ = minNode(n.right);
    n.key = succ.key;
    n.right = remove(n.right, succ.key);
  }
  return n;
}

function show(label: string, root: TreeNode | null): void {
  kprint`${label}:`;
  inorder(root, (k: number) => kprint` ${k}`);
  kprint` (height ${height(root)})\n`;
}

export function main(): void {
  let root: TreeNode | null = null;
  show('empty', root);
  let x = 7;
  for (let i = 0; i < 15; i++) {
    x = (x * 37 + 11) % 101;
    root = insert(root, x);
  }
  root = insert(root, 50);
  root = insert(root, 50);
  show('tree', root);
  kprint`contains 50: ${contains(root, 50)}, contains 51: ${contains(root, 51)}\n`;
  let sum = 0;
  let count = 0;
  inorder(root, (k: number) => {
    sum += k;
    count++;
  });
  kprint`count ${count}, sum ${sum}\n`;
  if (root !== null) kprint`min ${minNode(root).key}, root ${root.key}\n`;
  root = remove(root, 50);
  root = remove(root, 1000);
  if (root !== null) root = remove(root, root.key);
  show('after removals', root);
  while (root !== null) root = remove(root, root.key);
  show('cleared', root);
}
