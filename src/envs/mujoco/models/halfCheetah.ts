/**
 * HalfCheetah: the MJCF model of Gymnasium's `HalfCheetah-v5` (gymnasium/envs/mujoco/assets/
 * half_cheetah.xml), physically identical and without visuals. A capsule torso with a head on a
 * planar root, a back and a front leg of three spring-damper hinges each, total mass scaled to
 * 14 kg. Euler at 10 ms; angles in radians.
 *
 * @module
 */
import { mjcf, planarRoot, unitMotor } from './mjcf.js';

/** One segment of a leg: its body offset, hinge and capsule (all in the parent's frame, radians). */
interface Segment {
  readonly name: string;
  readonly bodyPos: readonly [number, number, number];
  readonly range: readonly [number, number];
  /** Joint spring (N·m/rad) and damping (N·m·s/rad). */
  readonly stiffness: number;
  readonly damping: number;
  readonly geomPos: readonly [number, number, number];
  /** Capsule tilt about y (rad) and half-length (m). */
  readonly tilt: number;
  readonly halfLength: number;
  /** Motor gear (N·m at control 1). */
  readonly gear: number;
}

const RADIUS = 0.046;

const backLeg: readonly Segment[] = [
  { name: 'bthigh', bodyPos: [-0.5, 0, 0], range: [-0.52, 1.05], stiffness: 240, damping: 6, geomPos: [0.1, 0, -0.13], tilt: -3.8, halfLength: 0.145, gear: 120 },
  { name: 'bshin', bodyPos: [0.16, 0, -0.25], range: [-0.785, 0.785], stiffness: 180, damping: 4.5, geomPos: [-0.14, 0, -0.07], tilt: -2.03, halfLength: 0.15, gear: 90 },
  { name: 'bfoot', bodyPos: [-0.28, 0, -0.14], range: [-0.4, 0.785], stiffness: 120, damping: 3, geomPos: [0.03, 0, -0.097], tilt: -0.27, halfLength: 0.094, gear: 60 },
];
const frontLeg: readonly Segment[] = [
  { name: 'fthigh', bodyPos: [0.5, 0, 0], range: [-1, 0.7], stiffness: 180, damping: 4.5, geomPos: [-0.07, 0, -0.12], tilt: 0.52, halfLength: 0.133, gear: 120 },
  { name: 'fshin', bodyPos: [-0.14, 0, -0.24], range: [-1.2, 0.87], stiffness: 120, damping: 3, geomPos: [0.065, 0, -0.09], tilt: -0.6, halfLength: 0.106, gear: 60 },
  { name: 'ffoot', bodyPos: [0.13, 0, -0.18], range: [-0.5, 0.5], stiffness: 60, damping: 1.5, geomPos: [0.045, 0, -0.07], tilt: -0.6, halfLength: 0.07, gear: 30 },
];

/** A leg as nested bodies, each segment hanging from the previous one. */
const chain = ([segment, ...rest]: readonly Segment[]): string =>
  segment === undefined
    ? ''
    : mjcf(
        'body',
        { name: segment.name, pos: segment.bodyPos },
        mjcf('joint', { name: segment.name, type: 'hinge', axis: [0, 1, 0], pos: [0, 0, 0], range: segment.range, stiffness: segment.stiffness, damping: segment.damping }),
        mjcf('geom', { name: segment.name, type: 'capsule', pos: segment.geomPos, axisangle: [0, 1, 0, segment.tilt], size: [RADIUS, segment.halfLength] }),
        chain(rest),
      );

/** HalfCheetah's MJCF text. */
export const halfCheetahXml = mjcf(
  'mujoco',
  { model: 'cheetah' },
  mjcf('compiler', { angle: 'radian', inertiafromgeom: true, settotalmass: 14 }),
  mjcf('option', { timestep: 0.01, gravity: [0, 0, -9.81] }),
  // the original's stack size (in mjtNum), kept so the arena is as large
  mjcf('size', { nstack: 300000 }),
  mjcf(
    'default',
    {},
    mjcf('joint', { limited: true, armature: 0.1, damping: 0.01, stiffness: 8, solreflimit: [0.02, 1], solimplimit: [0, 0.8, 0.03] }),
    mjcf('geom', { contype: 1, conaffinity: 0, condim: 3, friction: [0.4, 0.1, 0.1], solref: [0.02, 1], solimp: [0, 0.8, 0.01] }),
  ),
  mjcf(
    'worldbody',
    {},
    mjcf('geom', { name: 'floor', type: 'plane', pos: [0, 0, 0], size: [40, 40, 40], conaffinity: 1, condim: 3 }),
    mjcf(
      'body',
      { name: 'torso', pos: [0, 0, 0.7] },
      planarRoot({ slideAnchor: [0, 0, 0] }),
      mjcf('geom', { name: 'torso', type: 'capsule', fromto: [-0.5, 0, 0, 0.5, 0, 0], size: [RADIUS] }),
      mjcf('geom', { name: 'head', type: 'capsule', pos: [0.6, 0, 0.1], axisangle: [0, 1, 0, 0.87], size: [RADIUS, 0.15] }),
      chain(backLeg),
      chain(frontLeg),
    ),
  ),
  mjcf('actuator', {}, ...[...backLeg, ...frontLeg].map((segment) => unitMotor(segment.name, segment.gear, segment.name))),
);
