/**
 * Hopper: the MJCF model of Gymnasium's `Hopper-v5` (gymnasium/envs/mujoco/assets/hopper.xml),
 * physically identical and without visuals. A capsule torso on a planar root, one
 * thigh–leg–foot chain, three 200 N·m motors. RK4 at 2 ms; soft contacts with a 1 mm margin.
 *
 * @module
 */
import { mjcf, planarRoot, unitMotor } from './mjcf.js';
import { planarLeg } from './planarLeg.js';

const TORSO_Z = 1.25;
const HIP_Z = 1.05;
const HEAD_Z = 1.45;

/** Hopper's MJCF text (degrees; inertia from geoms at density 1000). */
export const hopperXml = mjcf(
  'mujoco',
  { model: 'hopper' },
  mjcf('compiler', { angle: 'degree', inertiafromgeom: true }),
  mjcf('option', { integrator: 'RK4', timestep: 0.002 }),
  mjcf(
    'default',
    {},
    mjcf('joint', { armature: 1, damping: 1, limited: true }),
    mjcf('geom', { contype: 1, conaffinity: 1, condim: 1, margin: 0.001, solref: [0.02, 1], solimp: [0.8, 0.8, 0.01] }),
  ),
  mjcf(
    'worldbody',
    {},
    mjcf('geom', { name: 'floor', type: 'plane', pos: [0, 0, 0], size: [20, 20, 0.125], conaffinity: 1, condim: 3 }),
    mjcf(
      'body',
      { name: 'torso', pos: [0, 0, TORSO_Z] },
      planarRoot({ slideAnchor: [0, 0, -TORSO_Z], zReference: TORSO_Z }),
      mjcf('geom', { name: 'torso_geom', type: 'capsule', size: [0.05, (HEAD_Z - HIP_Z) / 2], friction: 0.9 }),
      planarLeg({
        suffix: '',
        torsoZ: TORSO_Z,
        hipZ: HIP_Z,
        kneeZ: 0.6,
        ankleZ: 0.1,
        heelX: -0.13,
        toeX: 0.26,
        footBodyX: 0.13,
        footRadius: 0.06,
        footFriction: 2.0,
        thighRadius: 0.05,
        shinRadius: 0.04,
        friction: 0.9,
      }),
    ),
  ),
  mjcf('actuator', {}, ...['thigh_joint', 'leg_joint', 'foot_joint'].map((joint) => unitMotor(joint, 200))),
);
