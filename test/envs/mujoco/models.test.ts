import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MjModel } from 'mujoco-js';
import { halfCheetahXml } from '../../../src/envs/mujoco/models/halfCheetah.js';
import { hopperXml } from '../../../src/envs/mujoco/models/hopper.js';
import { mjcf } from '../../../src/envs/mujoco/models/mjcf.js';
import { swimmerXml } from '../../../src/envs/mujoco/models/swimmer.js';
import { walker2dXml } from '../../../src/envs/mujoco/models/walker2d.js';
import { compileModel, mujocoModule } from '../../../src/envs/mujoco/mujocoEnv.js';

// Facts of Gymnasium 1.4.0's model files (gymnasium/envs/mujoco/assets/hopper.xml, walker2d_v5.xml,
// half_cheetah.xml, swimmer.xml) as MuJoCo 3.3.8 compiles them. The full physical equality was
// checked field by field against the compiled originals; the replays check the dynamics.

const mujoco = await mujocoModule();
const withModel = <T>(name: string, xml: string, read: (model: MjModel) => T): T => {
  const model = compileModel(mujoco, name, xml);
  try {
    return read(model);
  } finally {
    model.delete();
  }
};
const option = (model: MjModel) => {
  const opt = model.opt;
  const values = { timestep: opt.timestep, integrator: opt.integrator, density: opt.density, viscosity: opt.viscosity };
  opt.delete();
  return values;
};
/** A model array as plain numbers (the embind declarations type them as any). */
const values = (xs: unknown): number[] => Array.from(xs as Float64Array);
const sum = (xs: unknown): number => values(xs).reduce((a, b) => a + b, 0);
const every = (xs: unknown, stride: number, offset = 0): number[] => values(xs).filter((_, i) => i % stride === offset);
const round = (xs: number[], digits = 6): number[] => xs.map((x) => Number(x.toFixed(digits)));
const deg = Math.PI / 180;
/** Mass (kg) of a capsule of radius r and cylinder half-length h (m) at density 1000 kg/m³. */
const capsuleMass = (r: number, h: number): number => 1000 * (Math.PI * r * r * 2 * h + (4 / 3) * Math.PI * r ** 3);

test('mjcf writes elements whose numbers read back as the same doubles', () => {
  assert.is(mjcf('joint', { name: 'knee', axis: [0, -1, 0], range: [-150, 0], limited: true, ref: undefined }), '<joint name="knee" axis="0 -1 0" range="-150 0" limited="true"/>');
  assert.is(mjcf('body', { pos: [0, 0, 1.05 - 1.25] }, '<geom/>'), '<body pos="0 0 -0.19999999999999996"><geom/></body>');
});

test('Hopper: sizes, RK4 at 2 ms, 200 N·m motors, joint ranges, foot friction 2', () => {
  withModel('hopper', hopperXml, (m) => {
    assert.equal([m.nq, m.nv, m.nu, m.nbody, m.ngeom], [6, 6, 3, 5, 5]);
    assert.equal(option(m), { timestep: 0.002, integrator: 1, density: 0, viscosity: 0 });
    assert.equal(every(m.actuator_gear, 6), [200, 200, 200]);
    assert.equal(round(values(m.jnt_range).slice(6)), round([-150 * deg, 0, -150 * deg, 0, -45 * deg, 45 * deg]));
    assert.equal(every(m.geom_friction, 3), [1, 0.9, 0.9, 0.9, 2]);
    assert.equal(values(m.qpos0), [0, 1.25, 0, 0, 0, 0]);
    assert.equal(round(values(m.dof_armature)), [0, 0, 0, 1, 1, 1]);
    // inertia from geoms at density 1000: torso, thigh, leg (shin) and foot capsules
    const masses = [0, capsuleMass(0.05, 0.2), capsuleMass(0.05, 0.225), capsuleMass(0.04, 0.25), capsuleMass(0.06, 0.195)];
    assert.ok(values(m.body_mass).every((mass, i) => Math.abs(mass - masses[i]) < 1e-9), `${values(m.body_mass)}`);
  });
});

test('Walker2d: sizes, RK4 at 2 ms, six 100 N·m motors, feet friction 1.9', () => {
  withModel('walker2d', walker2dXml, (m) => {
    assert.equal([m.nq, m.nv, m.nu, m.nbody, m.ngeom], [9, 9, 6, 8, 8]);
    assert.equal(option(m), { timestep: 0.002, integrator: 1, density: 0, viscosity: 0 });
    assert.equal(every(m.actuator_gear, 6), [100, 100, 100, 100, 100, 100]);
    assert.equal(every(m.geom_friction, 3), [0.7, 0.9, 0.9, 0.9, 1.9, 0.9, 0.9, 1.9]);
    assert.equal(values(m.qpos0), [0, 1.25, 0, 0, 0, 0, 0, 0, 0]);
  });
});

test('HalfCheetah: sizes, Euler at 10 ms, total mass 14 kg, gears 120/90/60/120/60/30, joint springs', () => {
  withModel('halfCheetah', halfCheetahXml, (m) => {
    assert.equal([m.nq, m.nv, m.nu, m.nbody, m.ngeom], [9, 9, 6, 8, 9]);
    assert.equal(option(m), { timestep: 0.01, integrator: 0, density: 0, viscosity: 0 });
    assert.ok(Math.abs(sum(m.body_mass) - 14) < 1e-12);
    assert.equal(every(m.actuator_gear, 6), [120, 90, 60, 120, 60, 30]);
    assert.equal(values(m.jnt_stiffness), [0, 0, 0, 240, 180, 120, 180, 120, 60]);
    assert.equal(values(m.dof_damping), [0, 0, 0, 6, 4.5, 3, 4.5, 3, 1.5]);
    assert.equal(values(m.qpos0), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

test('Swimmer: sizes, RK4 at 10 ms in a medium of density 4000 and viscosity 0.1, no contacts', () => {
  withModel('swimmer', swimmerXml, (m) => {
    assert.equal([m.nq, m.nv, m.nu, m.nbody, m.ngeom], [5, 5, 2, 4, 4]);
    assert.equal(option(m), { timestep: 0.01, integrator: 1, density: 4000, viscosity: 0.1 });
    assert.equal(every(m.actuator_gear, 6), [150, 150]);
    assert.equal(values(m.geom_contype), [0, 0, 0, 0]);
    assert.equal(values(m.geom_conaffinity), [0, 0, 0, 0]);
    assert.equal(round(values(m.dof_armature)), [0.1, 0.1, 0.1, 0.1, 0.1]);
  });
});

test.run();
