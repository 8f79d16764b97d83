/**
 * Swimmer: the MJCF model of Gymnasium's `Swimmer-v5` (gymnasium/envs/mujoco/assets/swimmer.xml),
 * physically identical and without visuals. Three 1 m capsule links in a viscous medium
 * (density 4000 kg/m³, viscosity 0.1 Pa·s) with no contacts; a planar root (slides along x and y,
 * a hinge about z) and two ±100° hinges driven by 150 N·m motors. RK4 at 10 ms; degrees.
 *
 * @module
 */
import { mjcf, unitMotor } from './mjcf.js';

const RADIUS = 0.1;
const LINK_DENSITY = 1000;

/** A link body: a capsule from the body origin 1 m back along −x, and the hinge joining it to its parent. */
const link = (name: string, pos: readonly number[], joint: string, child = ''): string =>
  mjcf(
    'body',
    { name, pos },
    mjcf('geom', { type: 'capsule', fromto: [0, 0, 0, -1, 0, 0], size: [RADIUS], density: LINK_DENSITY }),
    mjcf('joint', { name: joint, type: 'hinge', axis: [0, 0, 1], pos: [0, 0, 0], limited: true, range: [-100, 100] }),
    child,
  );

/** Swimmer's MJCF text. */
export const swimmerXml = mjcf(
  'mujoco',
  { model: 'swimmer' },
  mjcf('compiler', { angle: 'degree', inertiafromgeom: true }),
  mjcf('option', { integrator: 'RK4', timestep: 0.01, density: 4000, viscosity: 0.1 }),
  mjcf('default', {}, mjcf('geom', { contype: 0, conaffinity: 0, condim: 1 }), mjcf('joint', { armature: 0.1 })),
  mjcf(
    'worldbody',
    {},
    mjcf('geom', { name: 'floor', type: 'plane', pos: [0, 0, -0.1], size: [40, 40, 0.1], condim: 3 }),
    mjcf(
      'body',
      { name: 'torso', pos: [0, 0, 0] },
      mjcf('geom', { type: 'capsule', fromto: [1.5, 0, 0, 0.5, 0, 0], size: [RADIUS], density: LINK_DENSITY }),
      mjcf('joint', { name: 'slider1', type: 'slide', axis: [1, 0, 0], pos: [0, 0, 0] }),
      mjcf('joint', { name: 'slider2', type: 'slide', axis: [0, 1, 0], pos: [0, 0, 0] }),
      mjcf('joint', { name: 'free_body_rot', type: 'hinge', axis: [0, 0, 1], pos: [0, 0, 0] }),
      link('mid', [0.5, 0, 0], 'motor1_rot', link('back', [-1, 0, 0], 'motor2_rot')),
    ),
  ),
  mjcf('actuator', {}, unitMotor('motor1_rot', 150), unitMotor('motor2_rot', 150)),
);
