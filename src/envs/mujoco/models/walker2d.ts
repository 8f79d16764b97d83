/**
 * Walker2d, physically identical to Gymnasium v5's walker2d_v5.xml (feet friction 1.9): planar
 * root, then right and left legs (thigh, leg, foot) hanging from the torso. Visuals left out.
 */
const leg = (side: string) => `
      <body name="thigh${side}" pos="0 0 -0.19999999999999996">
        <joint name="thigh${side}_joint" type="hinge" axis="0 -1 0" pos="0 0 0" range="-150 0"/>
        <geom name="thigh${side}_geom" type="capsule" pos="0 0 -0.22500000000000009" size="0.050000000000000003 0.22500000000000003" friction="0.9"/>
        <body name="leg${side}" pos="0 0 -0.70000000000000007">
          <joint name="leg${side}_joint" type="hinge" axis="0 -1 0" pos="0 0 0.25" range="-150 0"/>
          <geom name="leg${side}_geom" type="capsule" size="0.040000000000000001 0.25" friction="0.9"/>
          <body name="foot${side}" pos="0.20000000000000001 0 -0.34999999999999998">
            <joint name="foot${side}_joint" type="hinge" axis="0 -1 0" pos="-0.20000000000000001 0 0.10000000000000001" range="-45 45"/>
            <geom name="foot${side}_geom" type="capsule" pos="-0.10000000000000001 0 0.10000000000000001" quat="0.70710678118654757 0 -0.70710678118654746 0" size="0.059999999999999998 0.10000000000000001" friction="1.9"/>
          </body>
        </body>
      </body>`;

const motors = ['thigh', 'leg', 'foot', 'thigh_left', 'leg_left', 'foot_left']
  .map((joint) => `    <motor joint="${joint}_joint" gear="100" ctrllimited="true" ctrlrange="-1.0 1.0"/>`)
  .join('\n');

export const walker2dXml = `
<mujoco model="walker2d">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option integrator="RK4" timestep="0.002"/>
  <default>
    <joint armature="0.01" damping=".1" limited="true"/>
    <geom contype="1" conaffinity="0" condim="3" density="1000" friction=".7 .1 .1"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" pos="0 0 0" size="40 40 40" condim="3" conaffinity="1"/>
    <body name="torso" pos="0 0 1.25">
      <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 -1.25" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 -1.25" ref="1.25" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 0" limited="false" armature="0" damping="0" stiffness="0"/>
      <geom name="torso_geom" type="capsule" size="0.050000000000000003 0.19999999999999996" friction="0.9"/>${leg('')}${leg('_left')}
    </body>
  </worldbody>
  <actuator>
${motors}
  </actuator>
</mujoco>`;
