/**
 * A saved policy's network as a TensorFlow.js layers model, and the files of its export (model.json
 * and one weights file) in the layout `tf.loadLayersModel` reads.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { plainNetworkOf } from '../policies/networkSpec.js';
import type { SavedPolicy } from '../streams/savedPolicy.js';
import type { ExportMetadata } from './exportedPolicy.js';
import { layerWeightsOf } from './exportedPolicy.js';

/**
 * The network of `saved` as a `tf.Sequential` with its weights set: input a flattened (normalized)
 * observation `[inputDim]`, output the logits or the Gaussian mean `[outputDim]`. An MLP is dense
 * layers (hidden ones activated); a conv network reshapes to `[H, W, C]`, then valid stride-1 ReLU
 * convolutions, a flatten (C order, as the flat layout) and dense ReLU layers. The caller disposes it.
 *
 * @example const model = policyModel(saved); model.predict(tf.tensor2d([[0, 0, 0.1, 0]]))
 */
export const policyModel = (saved: SavedPolicy): tf.Sequential => {
  const network = saved.spec.network;
  const model = tf.sequential({ name: 'policy' });
  const inputDim = plainNetworkOf(network).inputDim;
  const dense = (hiddenSizes: readonly number[], outputDim: number, activation: 'tanh' | 'relu', first: boolean) =>
    [...hiddenSizes, outputDim].forEach((units, l) =>
      model.add(tf.layers.dense({ units, activation: l < hiddenSizes.length ? activation : 'linear', ...(first && l === 0 ? { inputShape: [inputDim] } : {}) })),
    );
  if (network.kind === 'mlp') dense(network.hiddenSizes, network.outputDim, network.activation, true);
  else {
    model.add(tf.layers.reshape({ targetShape: [...network.inputShape], inputShape: [inputDim] }));
    for (const { filters, kernel } of network.convLayers) model.add(tf.layers.conv2d({ filters, kernelSize: kernel, strides: 1, padding: 'valid', activation: 'relu' }));
    model.add(tf.layers.flatten());
    dense(network.hiddenSizes, network.outputDim, 'relu', false);
  }
  const values = layerWeightsOf(saved.spec, saved.params);
  const tensors = model.getWeights().map((w, i) => tf.tensor(values[i], w.shape));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
  return model;
};

/** The two files of an export's model: model.json's text and the weights file's bytes. */
export interface ModelFiles {
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

/** Name of the weights file model.json points at. */
export const weightsFileName = 'weights.bin';

/**
 * model.json (topology, weights manifest, `metadata` as `userDefinedMetadata`) and the weights
 * (float32, little-endian) of `saved`'s network, as `tf.loadLayersModel` reads them from a folder.
 *
 * @example const { modelJson, weights } = await modelFiles(saved, exportMetadataOf(saved, null))
 */
export const modelFiles = async (saved: SavedPolicy, metadata: ExportMetadata): Promise<ModelFiles> => {
  const model = policyModel(saved);
  try {
    // tfjs takes plain JSON objects only (no class instances, no null prototypes)
    model.setUserDefinedMetadata(JSON.parse(JSON.stringify(metadata)) as object);
    const captured: tf.io.ModelArtifacts[] = [];
    await model.save(tf.io.withSaveHandler(async (artifacts) => (captured.push(artifacts), { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } })));
    const [artifacts] = captured;
    if (artifacts?.weightData === undefined) throw new Error('tfjs saved no weights');
    const modelJson: tf.io.ModelJSON = {
      format: 'layers-model',
      generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightsManifest: [{ paths: [weightsFileName], weights: artifacts.weightSpecs ?? [] }],
      userDefinedMetadata: artifacts.userDefinedMetadata,
    };
    return { modelJson: `${JSON.stringify(modelJson)}\n`, weights: new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) };
  } finally {
    model.dispose();
  }
};
