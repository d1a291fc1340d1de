package org.npg4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.npg4j.env.Discrete;
import org.npg4j.io.ModelFile;
import org.npg4j.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j export}: the actor of a trained model as an ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained policy (a run directory or a model.npg file) as an ONNX model (opset "
                + OnnxExport.OPSET + ", float64) with the observation normalization in the graph.",
                "Input obs [batch, obs_dim]; outputs action (argmax, int64) and logits for discrete actions, "
                        + "action (mean clipped to the action space), mean and log_std for continuous ones."})
public final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL_FILE")
    Path target;

    @Option(names = {"-o", "--output"}, defaultValue = "policy.onnx", paramLabel = "FILE",
            description = "the ONNX file to write (default: ${DEFAULT-VALUE})")
    Path output;

    @Override
    public void run() {
        ModelFile.Model model = EvalCommand.model(target, spec.commandLine().getErr());
        OnnxExport.write(output, model);
        PrintWriter o = spec.commandLine().getOut();
        boolean discrete = model.actionSpace() instanceof Discrete;
        o.println("wrote " + output + ": " + model.algorithm() + " " + model.envId() + ", input obs [batch, "
                + model.observationSpace().dim() + "] float64, outputs " + (discrete ? "action (int64), logits"
                : "action, mean, log_std") + " (ONNX opset " + OnnxExport.OPSET + ")");
    }
}
