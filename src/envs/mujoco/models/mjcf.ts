/**
 * A few lines for writing MJCF (MuJoCo's XML model format) from TypeScript: elements with typed
 * attribute values, and the planar root and capsule pieces the locomotion models are built from.
 * Numbers are written in JavaScript's shortest round-trip form, so MuJoCo's parser reads back
 * exactly the double that the TypeScript source holds.
 *
 * @module
 */

/** An attribute value: a number or vector (space-separated), a keyword, or a boolean. */
export type MjcfValue = number | string | boolean | readonly number[];

/** Attributes of one element; `undefined` entries are left out. */
export type MjcfAttributes = Readonly<Record<string, MjcfValue | undefined>>;

const format = (value: MjcfValue): string =>
  typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : value.map(String).join(' ');

/**
 * One MJCF element as XML text, children nested inside.
 *
 * @example mjcf('joint', { name: 'knee', type: 'hinge', axis: [0, -1, 0], range: [-150, 0] })
 * // '<joint name="knee" type="hinge" axis="0 -1 0" range="-150 0"/>'
 */
export const mjcf = (tag: string, attributes: MjcfAttributes = {}, ...children: readonly string[]): string => {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, MjcfValue] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${format(value)}"`)
    .join('');
  return children.length === 0 ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${children.join('')}</${tag}>`;
};

/** Where a planar model's three root joints sit (relative to the torso) and what z the model was drawn at. */
export interface PlanarRootOptions {
  /** Anchor of the two slide joints, in the torso frame (m). */
  readonly slideAnchor: readonly [number, number, number];
  /** Reference position of the z slide (m): its qpos0 equals the torso's starting height when set. */
  readonly zReference?: number;
}

/**
 * The unactuated planar root of Hopper, Walker2d and HalfCheetah: slide along x (`rootx`), slide
 * along z (`rootz`), hinge about y (`rooty`, at the torso origin). No limits, armature, damping or
 * stiffness, whatever the default class says. qpos = [x, z, pitch] (m, m, rad).
 */
export const planarRoot = ({ slideAnchor, zReference }: PlanarRootOptions): string => {
  const free = { limited: false, armature: 0, damping: 0, stiffness: 0 } as const;
  return [
    mjcf('joint', { name: 'rootx', type: 'slide', axis: [1, 0, 0], pos: slideAnchor, ...free }),
    mjcf('joint', { name: 'rootz', type: 'slide', axis: [0, 0, 1], pos: slideAnchor, ref: zReference, ...free }),
    mjcf('joint', { name: 'rooty', type: 'hinge', axis: [0, 1, 0], pos: [0, 0, 0], ...free }),
  ].join('');
};

/** A joint-space motor on `joint` with torque gain `gear` and control clamped to [-1, 1]. */
export const unitMotor = (joint: string, gear: number, name?: string): string =>
  mjcf('motor', { name, joint, gear, ctrllimited: true, ctrlrange: [-1, 1] });
