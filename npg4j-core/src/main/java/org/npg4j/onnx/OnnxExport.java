package org.npg4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.npg4j.env.Box;
import org.npg4j.env.Discrete;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.util.AtomicFiles;
import org.npg4j.io.ModelFile;
import org.npg4j.util.Provenance;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.nn.Activation;
import org.npg4j.nn.Mlp;
import org.npg4j.onnx.proto.AttributeProto;
import org.npg4j.onnx.proto.GraphProto;
import org.npg4j.onnx.proto.ModelProto;
import org.npg4j.onnx.proto.NodeProto;
import org.npg4j.onnx.proto.OperatorSetIdProto;
import org.npg4j.onnx.proto.StringStringEntryProto;
import org.npg4j.onnx.proto.TensorProto;
import org.npg4j.onnx.proto.TensorShapeProto;
import org.npg4j.onnx.proto.TypeProto;
import org.npg4j.onnx.proto.ValueInfoProto;
import org.npg4j.policy.ActorCriticPolicy;

/**
 * Exports the actor of a trained policy as an ONNX model in float64, the precision npg4j computes in.
 *
 * <p>Input {@value #INPUT}: a batch of raw observations, shape [batch, d] (a Box observation flattened row-major).
 * The graph first applies the model's observation normalization, if it has one, exactly as {@link TrainedPolicy}
 * does: clip((obs - mean) · 1/√(var + 1e-8), -10, 10). Then the actor MLP: one Gemm per layer (npg4j stores W as
 * inputs × outputs, which is Gemm's B) followed by the hidden activation. Outputs:
 * <ul>
 *   <li>discrete actions: {@code action} (int64 [batch], the argmax of the logits, the first one on ties as
 *       npg4j's mode) and {@code logits} (float64 [batch, n]);</li>
 *   <li>continuous actions: {@code action} (float64 [batch, k], the Gaussian's mean clipped to the action space,
 *       as {@link TrainedPolicy#actContinuous}), {@code mean} (unclipped) and {@code log_std} (the state-independent
 *       log σ, repeated for every row).</li>
 * </ul>
 *
 * <p>Opset {@value #OPSET} (IR version {@value #IR_VERSION}) is the lowest in which every operator used (Sub, Mul,
 * Clip, Gemm, Tanh, Relu, ArgMax, Max, Min, Shape, Expand) has the form used here, with float64 inputs; their later
 * versions only add types or attributes the graph does not use, so the lowest opset is the one most runtimes load.
 */
public final class OnnxExport {
    /** The ONNX operator set the graph uses (default domain). */
    public static final int OPSET = 13;
    /** The ONNX IR version of opset 13 (ONNX 1.8). */
    public static final int IR_VERSION = 7;
    /** The name of the graph's input. */
    public static final String INPUT = "obs";
    /** TrainedPolicy's observation normalization: ε under the square root, then clipping to ±10. */
    private static final double NORMALIZATION_EPSILON = 1e-8;
    private static final double NORMALIZATION_CLIP = 10.0;
    private static final String BATCH = "batch";

    private OnnxExport() {
    }

    /** Writes the ONNX model of {@code model} to {@code file} atomically. */
    public static void write(Path file, ModelFile.Model model) {
        AtomicFiles.write(file, encode(model).toByteArray());
    }

    /** The ONNX model of the actor of {@code model}. */
    public static ModelProto encode(ModelFile.Model model) {
        if (!(model.observationSpace() instanceof Box obsSpace)) {
            throw new IllegalArgumentException("cannot export a policy for observation space "
                    + model.observationSpace() + " (only Box observations)");
        }
        ActorCriticPolicy policy = TrainedPolicy.of(model).network();
        double[] theta = policy.parameters();
        Mlp actor = policy.actorNetwork();
        int d = obsSpace.dim();
        Graph g = new Graph();
        g.input(INPUT, TensorProto.DataType.DOUBLE, d);

        String x = INPUT;
        RunningMeanStd.Snapshot stats = model.observationStatistics();
        if (stats != null) {
            double[] scale = stats.var();
            for (int i = 0; i < d; i++) {
                scale[i] = 1.0 / Math.sqrt(scale[i] + NORMALIZATION_EPSILON);
            }
            g.doubles("obs_mean", stats.mean(), d);
            g.doubles("obs_scale", scale, d);
            g.doubles("obs_clip_low", new double[] {-NORMALIZATION_CLIP});
            g.doubles("obs_clip_high", new double[] {NORMALIZATION_CLIP});
            g.node("Sub", List.of(x, "obs_mean"), "obs_centered");
            g.node("Mul", List.of("obs_centered", "obs_scale"), "obs_scaled");
            x = g.node("Clip", List.of("obs_scaled", "obs_clip_low", "obs_clip_high"), "obs_normalized");
        }

        int k = policy.distribution().parameterSize();
        int last = actor.layers() - 1;
        boolean discrete = model.actionSpace() instanceof Discrete;
        String head = discrete ? "logits" : "mean";
        for (int l = 0; l <= last; l++) {
            int in = actor.size(l);
            // The last layer keeps only the k distribution parameters (a shared trunk's value column is dropped).
            int out = l == last ? k : actor.size(l + 1);
            int stride = actor.size(l + 1);
            double[] w = new double[in * out];
            for (int i = 0; i < in; i++) {
                System.arraycopy(theta, actor.weightOffset(l) + i * stride, w, i * out, out);
            }
            double[] b = new double[out];
            System.arraycopy(theta, actor.biasOffset(l), b, 0, out);
            g.doubles("pi_W" + l, w, in, out);
            g.doubles("pi_b" + l, b, out);
            String z = g.node("Gemm", List.of(x, "pi_W" + l, "pi_b" + l), l == last ? head : "pi_z" + l);
            x = switch (actor.activation(l)) {
                case TANH -> g.node("Tanh", List.of(z), "pi_h" + l);
                case RELU -> g.node("Relu", List.of(z), "pi_h" + l);
                case IDENTITY -> z;
            };
            if (l == last && actor.activation(l) != Activation.IDENTITY) {
                throw new IllegalArgumentException("the actor's output layer must be linear, got "
                        + actor.activation(l));
            }
        }

        if (discrete) {
            g.node("ArgMax", List.of(head), "action", attribute("axis", 1), attribute("keepdims", 0),
                    attribute("select_last_index", 0));
            g.output("action", TensorProto.DataType.INT64, -1);
            g.output(head, TensorProto.DataType.DOUBLE, k);
        } else {
            Box box = (Box) model.actionSpace();
            double[] logStd = new double[k];
            System.arraycopy(theta, policy.logStdOffset(), logStd, 0, k);
            g.doubles("action_low", box.low(), k);
            g.doubles("action_high", box.high(), k);
            g.doubles("log_std_parameter", logStd, k);
            g.node("Max", List.of(head, "action_low"), "mean_above_low");
            g.node("Min", List.of("mean_above_low", "action_high"), "action");
            g.node("Shape", List.of(head), "mean_shape");
            g.node("Expand", List.of("log_std_parameter", "mean_shape"), "log_std");
            g.output("action", TensorProto.DataType.DOUBLE, k);
            g.output(head, TensorProto.DataType.DOUBLE, k);
            g.output("log_std", TensorProto.DataType.DOUBLE, k);
        }

        String doc = "npg4j " + model.algorithm() + " policy for " + model.envId() + ": input " + INPUT
                + " float64 [batch, " + d + "] (raw observations" + (stats != null ? ", normalized in the graph" : "")
                + "); outputs " + (discrete ? "action int64 [batch] (argmax), logits float64 [batch, " + k + "]"
                : "action float64 [batch, " + k + "] (mean clipped to the action space), mean, log_std");
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("npg4j")
                .setProducerVersion(Provenance.npg4jVersion())
                .setModelVersion(1)
                .setDocString(doc)
                .setGraph(g.build(model.algorithm() + "_" + model.envId(), doc))
                .addMetadataProps(entry("algorithm", model.algorithm()))
                .addMetadataProps(entry("env", model.envId()))
                .addMetadataProps(entry("observation_space", model.observationSpace().toString()))
                .addMetadataProps(entry("action_space", model.actionSpace().toString()))
                .build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** The nodes, initializers and typed inputs and outputs of a graph under construction. */
    private static final class Graph {
        private final GraphProto.Builder graph = GraphProto.newBuilder();
        private final List<NodeProto> nodes = new ArrayList<>();

        /** A float64 initializer of the given dims (a scalar when there are none). */
        void doubles(String name, double[] values, int... dims) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.DOUBLE.getNumber());
            for (int dim : dims) {
                t.addDims(dim);
            }
            for (double v : values) {
                t.addDoubleData(v);
            }
            graph.addInitializer(t);
        }

        /** Adds a node with one output and returns the output's name. */
        String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op)
                    .addAllInput(inputs).addOutput(output);
            for (AttributeProto a : attributes) {
                n.addAttribute(a);
            }
            nodes.add(n.build());
            return output;
        }

        /** A tensor of shape [batch, width], or [batch] when width is negative. */
        void input(String name, TensorProto.DataType type, int width) {
            graph.addInput(valueInfo(name, type, width));
        }

        void output(String name, TensorProto.DataType type, int width) {
            graph.addOutput(valueInfo(name, type, width));
        }

        private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, int width) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
            if (width >= 0) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
            }
            return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
        }

        GraphProto build(String name, String doc) {
            return graph.setName(name).setDocString(doc).addAllNode(nodes).build();
        }
    }
}
