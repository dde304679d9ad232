/** "Set this path to this value", merged into one tree so that edits to sibling paths become one insertion. */

export type Scalar = string | number | boolean | null;

/** Ordered map of member name -> scalar or nested tree. */
export type DesiredTree = Map<string, Scalar | DesiredTree>;

export interface PathAssignment {
  path: readonly string[];
  value: Scalar;
}

export function buildDesiredTree(assignments: readonly PathAssignment[]): DesiredTree {
  const root: DesiredTree = new Map();
  for (const { path, value } of assignments) {
    let node = root;
    path.forEach((step, index) => {
      if (index === path.length - 1) {
        node.set(step, value);
        return;
      }
      let child = node.get(step);
      if (!(child instanceof Map)) {
        child = new Map();
        node.set(step, child);
      }
      node = child;
    });
  }
  return root;
}
