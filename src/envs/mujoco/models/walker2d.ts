/**
 * Walker2d: the MJCF model of Gymnasium's `Walker2d-v5` (gymnasium/envs/mujoco/assets/
 * walker2d_v5.xml, feet friction 1.9), physically identical and without visuals. Hopper's torso
 * on a planar root with two identical legs (right, then left) and six 100 N·m motors. RK4 at 2 ms.
 *
 * @module
 */
import { mjcf, planarRoot, unitMotor } from './mjcf.js';
import { planarLeg } from './planarLeg.js';

const TORSO_Z = 1.25;
const HIP_Z = 1.05;
const HEAD_Z = 1.45;

const leg = (suffix: string): string =>
  planarLeg({
    suffix,
    torsoZ: TORSO_Z,
    hipZ: HIP_Z,
    kneeZ: 0.6,
    ankleZ: 0.1,
    heelX: 0,
    toeX: 0.2,
    footBodyX: 0.2,
    footRadius: 0.06,
    footFriction: 1.9,
    thighRadius: 0.05,
    shinRadius: 0.04,
    friction: 0.9,
  });

/** Walker2d's MJCF text (degrees; inertia from geoms at density 1000). */
export const walker2dXml = mjcf(
  'mujoco',
  { model: 'walker2d' },
  mjcf('compiler', { angle: 'degree', inertiafromgeom: true }),
  mjcf('option', { integrator: 'RK4', timestep: 0.002 }),
  mjcf(
    'default',
    {},
    mjcf('joint', { armature: 0.01, damping: 0.1, limited: true }),
    mjcf('geom', { contype: 1, conaffinity: 0, condim: 3, density: 1000, friction: [0.7, 0.1, 0.1] }),
  ),
  mjcf(
    'worldbody',
    {},
    mjcf('geom', { name: 'floor', type: 'plane', pos: [0, 0, 0], size: [40, 40, 40], conaffinity: 1, condim: 3 }),
    mjcf(
      'body',
      { name: 'torso', pos: [0, 0, TORSO_Z] },
      planarRoot({ slideAnchor: [0, 0, -TORSO_Z], zReference: TORSO_Z }),
      mjcf('geom', { name: 'torso_geom', type: 'capsule', size: [0.05, (HEAD_Z - HIP_Z) / 2], friction: 0.9 }),
      leg(''),
      leg('_left'),
    ),
  ),
  mjcf('actuator', {}, ...['thigh', 'leg', 'foot', 'thigh_left', 'leg_left', 'foot_left'].map((part) => unitMotor(`${part}_joint`, 100))),
);
