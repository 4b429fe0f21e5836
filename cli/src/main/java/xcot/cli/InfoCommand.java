package xcot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import xcot.llm.Backend;
import xcot.llm.BackendInfo;

/** {@code xcot info}: what this installation runs on. */
@Command(name = "info", description = "Show Java, the llama.cpp build, compiled backends, CPU features and GPUs.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackendInfo info = Backend.info();
        out.printf("java        %s (%s), %d cores available%n", Runtime.version(), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors());
        out.printf("llama.cpp   %s (commit %s), %s build%n", info.tag(), info.commit(), info.variant());
        out.printf("patches     %s%n", info.patches().isEmpty() ? "none" : info.patches());
        out.printf("libraries   %s%n", info.libraryDirectory());
        out.printf("system      %s%n", info.systemInfo().strip());
        out.printf("gpu offload %s%n", info.gpuOffload() ? "supported" : "not in this build");
        for (BackendInfo.Device d : info.devices()) {
            out.printf("device      %s [%s] %s, %.1f of %.1f GiB free%n", d.name(), d.type(), d.description(),
                    d.freeBytes() / 1073741824.0, d.totalBytes() / 1073741824.0);
        }
        out.flush();
        return 0;
    }
}
