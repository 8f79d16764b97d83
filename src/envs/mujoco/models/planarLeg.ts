/**
 * The thigh–leg–foot chain that Hopper and Walker2d hang from their torso, drawn in world
 * coordinates (the model stands upright, x forward, z up) and written in MJCF's body-relative
 * coordinates. Knee and hip flex about −y with a 150° range; the ankle turns ±45°.
 *
 * @module
 */
import { mjcf } from './mjcf.js';

/** The skeleton of one leg in world coordinates (m), as the model stands at its initial pose. */
export interface PlanarLegOptions {
  /** '' for Hopper's leg and Walker2d's right leg, '_left' for Walker2d's left leg. */
  readonly suffix: string;
  /** Height of the torso body's origin. */
  readonly torsoZ: number;
  readonly hipZ: number;
  readonly kneeZ: number;
  readonly ankleZ: number;
  /** Foot capsule end points along x (the foot lies at the ankle's height). */
  readonly heelX: number;
  readonly toeX: number;
  /** Where the foot body's frame sits along x (on the ground, z = 0). */
  readonly footBodyX: number;
  readonly footRadius: number;
  readonly footFriction: number;
  /** Radii of the thigh and shin capsules. */
  readonly thighRadius: number;
  readonly shinRadius: number;
  /** Sliding friction of thigh and shin. */
  readonly friction: number;
}

/** Orientation that lays a capsule (z-aligned by default) along x: a −90° turn about y. */
const alongX = [Math.cos(-Math.PI / 4), 0, Math.sin(-Math.PI / 4), 0] as const;

const hinge = (name: string, pos: readonly number[], range: readonly [number, number]): string =>
  mjcf('joint', { name, type: 'hinge', axis: [0, -1, 0], pos, range });

/** The leg as an MJCF `<body>` subtree, to be nested in the torso body. */
export const planarLeg = (leg: PlanarLegOptions): string => {
  const { suffix: s } = leg;
  const shinZ = (leg.kneeZ + leg.ankleZ) / 2; // the shin body's origin: its capsule's centre
  const foot = mjcf(
    'body',
    { name: `foot${s}`, pos: [leg.footBodyX, 0, 0 - shinZ] },
    hinge(`foot${s}_joint`, [0 - leg.footBodyX, 0, leg.ankleZ], [-45, 45]),
    mjcf('geom', {
      name: `foot${s}_geom`,
      type: 'capsule',
      pos: [(leg.heelX + leg.toeX) / 2 - leg.footBodyX, 0, leg.ankleZ],
      quat: alongX,
      size: [leg.footRadius, (leg.toeX - leg.heelX) / 2],
      friction: leg.footFriction,
    }),
  );
  const shin = mjcf(
    'body',
    { name: `leg${s}`, pos: [0, 0, shinZ - leg.hipZ] },
    hinge(`leg${s}_joint`, [0, 0, leg.kneeZ - shinZ], [-150, 0]),
    mjcf('geom', { name: `leg${s}_geom`, type: 'capsule', size: [leg.shinRadius, (leg.kneeZ - leg.ankleZ) / 2], friction: leg.friction }),
    foot,
  );
  return mjcf(
    'body',
    { name: `thigh${s}`, pos: [0, 0, leg.hipZ - leg.torsoZ] },
    hinge(`thigh${s}_joint`, [0, 0, 0], [-150, 0]),
    mjcf('geom', {
      name: `thigh${s}_geom`,
      type: 'capsule',
      pos: [0, 0, (leg.hipZ + leg.kneeZ) / 2 - leg.hipZ],
      size: [leg.thighRadius, (leg.hipZ - leg.kneeZ) / 2],
      friction: leg.friction,
    }),
    shin,
  );
};
