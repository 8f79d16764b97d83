/**
 * HalfCheetah, physically identical to Gymnasium v5's half_cheetah.xml: planar root, a torso
 * capsule with a head, a back leg (thigh, shin, foot) and a front leg, spring-damper joints,
 * total mass scaled to 14, Euler integration at 0.01 s. Visuals left out.
 */
const limb = (name: string, body: string, joint: string, geom: string, inner = '') => `
<body name="${name}" pos="${body}">
  <joint name="${name}" type="hinge" axis="0 1 0" pos="0 0 0" ${joint}/>
  <geom name="${name}" type="capsule" ${geom}/>${inner}
</body>`;

const backLeg = limb(
  'bthigh', '-.5 0 0', 'range="-.52 1.05" stiffness="240" damping="6"', 'pos=".1 0 -.13" axisangle="0 1 0 -3.8" size="0.046 .145"',
  limb('bshin', '.16 0 -.25', 'range="-.785 .785" stiffness="180" damping="4.5"', 'pos="-.14 0 -.07" axisangle="0 1 0 -2.03" size="0.046 .15"',
    limb('bfoot', '-.28 0 -.14', 'range="-.4 .785" stiffness="120" damping="3"', 'pos=".03 0 -.097" axisangle="0 1 0 -.27" size="0.046 .094"')),
);
const frontLeg = limb(
  'fthigh', '.5 0 0', 'range="-1 .7" stiffness="180" damping="4.5"', 'pos="-.07 0 -.12" axisangle="0 1 0 .52" size="0.046 .133"',
  limb('fshin', '-.14 0 -.24', 'range="-1.2 .87" stiffness="120" damping="3"', 'pos=".065 0 -.09" axisangle="0 1 0 -.6" size="0.046 .106"',
    limb('ffoot', '.13 0 -.18', 'range="-.5 .5" stiffness="60" damping="1.5"', 'pos=".045 0 -.07" axisangle="0 1 0 -.6" size="0.046 .07"')),
);
const gears: [string, number][] = [['bthigh', 120], ['bshin', 90], ['bfoot', 60], ['fthigh', 120], ['fshin', 60], ['ffoot', 30]];

export const halfCheetahXml = `
<mujoco model="cheetah">
  <compiler angle="radian" inertiafromgeom="true" settotalmass="14"/>
  <option gravity="0 0 -9.81" timestep="0.01"/>
  <size nstack="300000" nuser_geom="1"/>
  <default>
    <joint limited="true" armature=".1" damping=".01" stiffness="8" solreflimit=".02 1" solimplimit="0 .8 .03"/>
    <geom contype="1" conaffinity="0" condim="3" friction=".4 .1 .1" solref="0.02 1" solimp="0.0 0.8 0.01"/>
    <motor ctrllimited="true" ctrlrange="-1 1"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" pos="0 0 0" size="40 40 40" condim="3" conaffinity="1"/>
    <body name="torso" pos="0 0 .7">
      <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 0" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 0" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 0" limited="false" armature="0" damping="0" stiffness="0"/>
      <geom name="torso" type="capsule" fromto="-.5 0 0 .5 0 0" size="0.046"/>
      <geom name="head" type="capsule" pos=".6 0 .1" axisangle="0 1 0 .87" size="0.046 .15"/>${backLeg}${frontLeg}
    </body>
  </worldbody>
  <actuator>
${gears.map(([joint, gear]) => `    <motor name="${joint}" joint="${joint}" gear="${gear}"/>`).join('\n')}
  </actuator>
</mujoco>`;
